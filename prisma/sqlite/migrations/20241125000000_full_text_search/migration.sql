-- Full-text search for the q filter (lib/search/full-text.ts). Raw SQL only: Prisma does not see
-- these objects. An FTS5 index over Event.searchText, keyed by a small table with an explicit
-- INTEGER PRIMARY KEY (VACUUM may renumber Event's implicit rowids, never these), kept in step by
-- triggers on every write path. Contentless with delete support: the text is stored once, in
-- Event. Tokens are runs of letters and digits; the private-use stand-ins searchFormOf() puts in
-- place of LIKE wildcards (lib/events/derived.ts) separate tokens too.
CREATE TABLE "EventSearchKey" (
    "rowid" INTEGER NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL UNIQUE
);

CREATE VIRTUAL TABLE "EventSearch" USING fts5(
    "searchText",
    content = '',
    contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 0 separators ''"
);

CREATE TRIGGER "Event_search_insert" AFTER INSERT ON "Event" BEGIN
    INSERT INTO "EventSearchKey" ("eventId") VALUES (NEW."id");
    INSERT INTO "EventSearch" ("rowid", "searchText") VALUES (last_insert_rowid(), NEW."searchText");
END;

CREATE TRIGGER "Event_search_update" AFTER UPDATE OF "searchText" ON "Event" BEGIN
    DELETE FROM "EventSearch" WHERE "rowid" = (SELECT "rowid" FROM "EventSearchKey" WHERE "eventId" = OLD."id");
    INSERT INTO "EventSearch" ("rowid", "searchText")
    SELECT "rowid", NEW."searchText" FROM "EventSearchKey" WHERE "eventId" = OLD."id";
END;

CREATE TRIGGER "Event_search_delete" AFTER DELETE ON "Event" BEGIN
    DELETE FROM "EventSearch" WHERE "rowid" = (SELECT "rowid" FROM "EventSearchKey" WHERE "eventId" = OLD."id");
    DELETE FROM "EventSearchKey" WHERE "eventId" = OLD."id";
END;

-- Existing events.
INSERT INTO "EventSearchKey" ("eventId") SELECT "id" FROM "Event";
INSERT INTO "EventSearch" ("rowid", "searchText")
SELECT k."rowid", e."searchText" FROM "EventSearchKey" k JOIN "Event" e ON e."id" = k."eventId";
