import type { SourceKindValue } from "../domain";

// The words the intake rules read. Kept in one place so that a rule names its list, and a test or
// a reviewer can see what each rule looks for. None of them names a story, an article or a person.

/** Verbs that report speech or writing: "said", "told", "announced". */
export const REPORT_VERBS = [
  "said", "says", "say", "told", "tells", "stated", "states", "added", "adds", "announced", "announces", "confirmed",
  "confirms", "denied", "denies", "wrote", "writes", "posted", "posts", "tweeted", "declared", "declares", "warned",
  "warns", "insisted", "insists", "argued", "argues", "claimed", "claims", "noted", "notes", "explained", "stressed",
  "acknowledged", "acknowledges", "admitted", "reported", "reports", "asserted", "rejected", "rejects", "dismissed",
  "declined", "declines", "refused", "refuses", "urged", "urges", "vowed", "vows", "pledged", "promised", "accused",
  "accuses", "criticised", "criticized", "condemned", "condemns", "welcomed", "welcomes", "responded", "replied",
  "reiterated", "reiterates", "conceded", "suggested", "indicated", "estimated", "disclosed", "revealed", "repeated",
  "alleged", "alleges", "signalled", "signaled", "cautioned", "predicted", "recalled", "countered", "emphasized",
  "emphasised", "underscored", "maintained", "asked", "commented", "announcing", "saying", "would not say", "would not comment",
  "would not confirm", "did not confirm", "did not deny", "has said", "have said", "had said",
] as const;

/** Reporting verbs in the present tense: the words are the article's own day. */
export const PRESENT_REPORT_VERBS = new Set(["says", "say", "tells", "states", "adds", "announces", "confirms", "denies", "writes", "posts", "declares", "warns", "insists", "argues", "claims", "notes", "acknowledges", "reports", "rejects", "declines", "refuses", "urges", "vows", "accuses", "condemns", "welcomes", "reiterates", "alleges"]);

/** Verbs of an act, by the kind of event they make. */
export const ACT_VERBS: Record<"DECISION" | "MILITARY_ACTION" | "OTHER", readonly string[]> = {
  DECISION: [
    "authorized", "authorised", "approved", "allowed", "permitted", "signed", "ordered", "imposed", "sanctioned", "vetoed",
    "decided", "lifted", "eased", "granted", "appointed", "nominated", "banned", "suspended",
    "expelled", "recalled", "summoned", "adopted", "passed", "ratified", "endorsed", "cleared", "greenlit", "greenlighted",
    "reversed", "extended", "renewed", "revoked", "pardoned", "designated", "restricted", "unveiled", "agreed",
  ],
  MILITARY_ACTION: [
    "launched", "struck", "attacked", "shot down", "intercepted", "downed", "shelled", "bombed", "hit", "destroyed",
    "captured", "seized", "deployed", "killed", "wounded", "invaded", "advanced", "retreated", "withdrew", "fired",
    "targeted", "repelled", "liberated", "recaptured", "stormed",
  ],
  OTHER: [
    "met", "visited", "held talks", "resigned", "arrived", "travelled", "traveled", "delivered", "sent", "hosted",
    "phoned", "arrested", "detained", "charged", "convened", "closed", "reopened", "opened", "blocked", "shut",
  ],
};

/** Words that make a statement a reaction. */
export const REACTION_WORDS = /\b(?:in response to|responding to|reacted|reacting to|responded|condemned|welcomed|criticized|criticised|denounced|slammed|hailed|praised|protested)\b/i;

/** Words that make a statement a briefing answer. */
export const BRIEFING_WORDS = /\b(?:briefing|told reporters|press conference|news conference|asked by reporters|asked about|asked whether|asked if|told a news|press gaggle|podium)\b/i;

/** Titles that precede or follow a person's name. */
export const TITLE_WORDS = [
  "President", "Vice President", "Prime Minister", "Deputy Prime Minister", "Foreign Minister", "Defence Minister",
  "Defense Minister", "Minister", "Secretary of State", "Secretary of Defense", "Defense Secretary", "Secretary",
  "Chancellor", "Chief of Staff", "Press Secretary", "spokesperson", "spokesman", "spokeswoman", "Ambassador",
  "Senator", "Sen.", "Representative", "Rep.", "Speaker", "Governor", "Gov.", "Mayor", "General", "Gen.", "Lt. Gen.",
  "Maj. Gen.", "Adm.", "Admiral", "Colonel", "Col.", "Commander", "Director", "Chairman", "Chair", "King", "Queen",
  "Pope", "Mr.", "Ms.", "Mrs.", "Dr.", "adviser", "advisor", "aide", "envoy", "official", "lawmaker", "leader",
  "Attorney General", "National Security Adviser", "Pentagon Press Secretary", "Deputy Press Secretary",
];

/** Words that mark an on-record voice speaking for a body. */
export const SPOKESPERSON_WORDS = /\b(?:spokes(?:person|man|woman)|press secretary|porte-parole|press officer|press service|deputy press secretary|communications (?:director|adviser|advisor))\b/i;

/** Words that mark unnamed sources. */
export const ANONYMOUS_WORDS =
  /\b(?:(?:an?|one|two|three|four|five|several|some|many|other|multiple|unnamed|anonymous)\s+)?(?:(?:current|former|senior|high-ranking|top|western|european|american|u\.s\.|us|ukrainian|russian|israeli|administration|defen[cs]e|military|intelligence|government|congressional|diplomatic|security|european|nato|white house|pentagon|state department)\s+){0,3}(?:officials?|sources?|people|person|diplomats?|aides?|insiders?|individuals?)\b(?:\s+(?:in|at|from)\s+(?:the\s+)?[A-Z][\p{L}'’]*(?:\s+[a-z]+)?\s+(?:administration|ministry|government|office|department|presidency|military|army))?(?:\s+(?:familiar with|with knowledge of|briefed on|close to|knowledgeable about|involved in|speaking on condition of anonymity)\b(?:(?!\s(?:said|say|says|told|added)\b)[^,.;])*)?/iu;

export const ANONYMITY_MARKERS = /\b(?:on condition of anonymity|speaking anonymously|declined to be (?:named|identified)|who (?:asked|requested) not to be (?:named|identified)|not authori[sz]ed to (?:speak|discuss|comment))\b/i;

/** A document or a written statement as the voice. */
export const DOCUMENT_WORDS = /\b(?:in a (?:written )?statement|said in a statement|a statement (?:from|by|issued|released|published|said)|(?:the|a|its) statement|in a readout|a readout|the readout|in a (?:press )?release|press release|communiqu[eé]|decree|executive order|the order|a document|documents? (?:seen|reviewed|obtained)|in a letter|a letter|the letter|the filing|court filing|in a post on|posted on|on its (?:website|telegram|channel)|on telegram|on x\b|on twitter|on facebook|the report said|transcript|fact sheet|joint statement|bulletin|notice)\b/i;

/** A relay of another outlet: the verbs an outlet "reports" with. */
export const RELAY_VERBS = /\b(?:reported|reports|reporting|first reported|was first to report|revealed|said, citing|according to|cited|citing|told)\b/i;

/** The signs that a journalist could not check a party's assertion. */
export const UNVERIFIED_WORDS =
  /\b(?:could not (?:immediately |independently )*(?:be )?(?:independently )?verif(?:y|ied)|could not be (?:independently |immediately )*(?:verified|confirmed)|not (?:be )?independently verified|unable to (?:independently )?verify|without providing evidence|provided no evidence|did not provide evidence|offered no evidence|without evidence|no evidence was (?:given|provided))\b/i;

/** Contested facts a party asserts about a conflict: intercepts, strikes, losses, ground taken. */
export const PARTY_CLAIM_CONTENT =
  /\b(?:shot down|intercepted|destroyed|downed|neutrali[sz]ed|eliminated|repelled|liberated|took control|captured|killed|wounded|casualties|losses|retook|recaptured|struck|hit|damaged|pushed back|fired|launched|attacked)\b/i;

/** A speaker whose assertions of combat results are a party's claims: a defence ministry, an army. */
export const MILITARY_VOICE = /\b(?:Defen[cs]e Ministry|Ministry of Defen[cs]e|[Dd]efen[cs]e [Mm]inistry|Armed Forces|General Staff|[Mm]ilitary|[Aa]rmy|Air Force|Navy|[Ff]orces|Command|[Gg]overnor|Hamas|Hezbollah|Houthis?)\b/;

/** Claim-assertion verbs: the speaker asserts a contested fact. */
export const CLAIM_VERBS = /\b(?:claimed|claims|alleged|alleges|asserted)\b/i;

/** Wording for each stance toward a claim. */
export const STANCE_WORDS = {
  DECLINES:
    /\b(?:declined|declines|refused|refuses) to (?:comment|confirm|say|discuss|elaborate|specify|provide|give|detail|answer|address|speak|get into)|\b(?:would|will|could|did) not (?:comment|confirm|say|discuss|elaborate|specify|speak|get into|get ahead)|\bwon'?t (?:comment|confirm|say|discuss|speak|get into|get ahead)|\bno (?:immediate )?comment\b|\bno (?:policy )?updates?\b|\bnot (?:going|able) to (?:comment|confirm|speak|discuss|get into|get ahead|preview|announce)|\b(?:neither|not) confirm(?:ed|ing)? (?:n)?or den(?:y|ied|ying)|\bdon'?t (?:have any|have anything|comment)|\bnothing to (?:announce|add|share)|\bcan(?:not|'t) (?:comment|confirm|discuss|speak to|get into)|\bdeclined to be drawn\b|\bdo(?:es)? not comment\b|\bnot (?:be )?announced (?:in advance|beforehand)\b|\b(?:would|will|did|does|do) not (?:discuss|disclose|reveal|detail)\b|\bdeclined (?:on \w+ )?to (?:comment|confirm|say|discuss)/i,
  DENIES:
    /\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|refuted|refutes)\b(?! to)|\b(?:not|n't) true\b|\buntrue\b|\bfalse\b|\bfake\b|\bbaseless\b|\bno truth\b|\bno basis\b|\bnonsense\b|\bfabricat(?:ed|ion)\b|\bdisinformation\b|\bhas not (?:authori[sz]ed|approved|allowed|changed)|\bhave not (?:authori[sz]ed|approved|allowed)|\bnever (?:authori[sz]ed|approved|allowed)/i,
  CONFIRMS: /\b(?:confirmed|confirms|confirming|can confirm|acknowledged|acknowledges|verified)\b/i,
  QUALIFIES: /\b(?:only (?:in|for|to|within|against|on)|limited to|restricted to|solely|but not|not beyond|confined to|except)\b/i,
} as const;

/** Future tense: a date in the words is when something will happen, not when this did. */
export const FUTURE_WORDS = /\b(?:will|would|shall|is (?:due|expected|set|scheduled|going) to|are (?:due|expected|set|scheduled|going) to|plans? to|intends? to|next)\b/i;

/** Known news outlets, by name and the shorter forms articles use; kind for a new source. */
export const KNOWN_OUTLETS: readonly { name: string; aliases: readonly string[]; kind: SourceKindValue }[] = [
  { name: "The New York Times", aliases: ["New York Times", "NYT", "the Times"], kind: "NEWSPAPER" },
  { name: "The Washington Post", aliases: ["Washington Post"], kind: "NEWSPAPER" },
  { name: "The Wall Street Journal", aliases: ["Wall Street Journal", "WSJ", "the Journal"], kind: "NEWSPAPER" },
  { name: "Reuters", aliases: [], kind: "WIRE" },
  { name: "The Associated Press", aliases: ["Associated Press", "AP"], kind: "WIRE" },
  { name: "Agence France-Presse", aliases: ["AFP"], kind: "WIRE" },
  { name: "Bloomberg", aliases: ["Bloomberg News"], kind: "WIRE" },
  { name: "Axios", aliases: [], kind: "DIGITAL_OUTLET" },
  { name: "Politico", aliases: [], kind: "DIGITAL_OUTLET" },
  { name: "CNN", aliases: [], kind: "BROADCASTER" },
  { name: "BBC", aliases: ["BBC News"], kind: "BROADCASTER" },
  { name: "NBC News", aliases: ["NBC"], kind: "BROADCASTER" },
  { name: "ABC News", aliases: ["ABC"], kind: "BROADCASTER" },
  { name: "CBS News", aliases: ["CBS"], kind: "BROADCASTER" },
  { name: "Fox News", aliases: [], kind: "BROADCASTER" },
  { name: "NPR", aliases: [], kind: "BROADCASTER" },
  { name: "Al Jazeera", aliases: [], kind: "BROADCASTER" },
  { name: "The Guardian", aliases: ["Guardian"], kind: "NEWSPAPER" },
  { name: "Financial Times", aliases: ["FT"], kind: "NEWSPAPER" },
  { name: "The Economist", aliases: [], kind: "NEWSPAPER" },
  { name: "Le Monde", aliases: [], kind: "NEWSPAPER" },
  { name: "Der Spiegel", aliases: ["Spiegel"], kind: "NEWSPAPER" },
  { name: "Bild", aliases: [], kind: "NEWSPAPER" },
  { name: "TASS", aliases: [], kind: "WIRE" },
  { name: "RIA Novosti", aliases: ["RIA"], kind: "WIRE" },
  { name: "Interfax", aliases: [], kind: "WIRE" },
  { name: "Ukrinform", aliases: [], kind: "WIRE" },
  { name: "Ukrainska Pravda", aliases: [], kind: "DIGITAL_OUTLET" },
  { name: "The Kyiv Independent", aliases: ["Kyiv Independent"], kind: "DIGITAL_OUTLET" },
  { name: "Yonhap", aliases: ["Yonhap News Agency"], kind: "WIRE" },
  { name: "Kyodo", aliases: ["Kyodo News"], kind: "WIRE" },
  { name: "Xinhua", aliases: [], kind: "WIRE" },
  { name: "Anadolu", aliases: ["Anadolu Agency"], kind: "WIRE" },
  { name: "Le Figaro", aliases: [], kind: "NEWSPAPER" },
  { name: "The Times of Israel", aliases: ["Times of Israel"], kind: "NEWSPAPER" },
  { name: "Haaretz", aliases: [], kind: "NEWSPAPER" },
  { name: "The Telegraph", aliases: ["Telegraph"], kind: "NEWSPAPER" },
  { name: "The Times", aliases: [], kind: "NEWSPAPER" },
  { name: "Semafor", aliases: [], kind: "DIGITAL_OUTLET" },
  { name: "The Hill", aliases: [], kind: "DIGITAL_OUTLET" },
  { name: "Kommersant", aliases: [], kind: "NEWSPAPER" },
  { name: "Izvestia", aliases: [], kind: "NEWSPAPER" },
];

/** Unnamed groups that speak in news copy: "shipping insurers said", "witnesses said". */
export const GROUP_WORDS =
  /\b(?:[A-Z]?[a-z]+\s+)?(?:insurers|analysts|experts|residents|witnesses|protesters|lawmakers|legislators|investors|traders|economists|doctors|rescuers|activists|observers|monitors|inspectors|prosecutors|investigators|medics|villagers|lawyers|scientists|researchers|organisers|organizers|unions|farmers|workers)\b/g;

/** The last word of an outlet's name ("Harbour Wire", "Capital Times"). */
export const OUTLET_TAIL = /\b(?:[Tt]he\s+)?((?:[A-Z][\p{L}'’-]+\s+){1,3}(?:Times|Post|News|Herald|Courier|Dispatch|Ledger|Journal|Today|Tribune|Gazette|Wire|Daily|Telegraph|Chronicle|Observer|Independent|Express|Mirror|Review|Monitor|Pravda|Izvestia))\b/gu;

/** Words that make a capitalised phrase a news outlet ("the Kyiv Post newspaper"). */
export const OUTLET_NOUNS = /\b(?:newspaper|news agency|news outlet|daily|broadcaster|news site|magazine|wire service|tabloid|television|TV channel|radio)\b/i;

/** Heads of a body's name: "the Russian Defence Ministry", "the State Department". */
export const BODY_HEADS = [
  "Ministry", "Department", "Office", "Council", "Agency", "Command", "General Staff", "Staff", "Service", "Forces",
  "Army", "Navy", "Air Force", "Commission", "Parliament", "Government", "government", "Administration",
  "administration", "Committee", "Embassy", "Military", "military", "Directorate", "Guard", "Cabinet", "Senate",
  "House", "Congress", "Court", "Presidency", "Kremlin", "White House", "Pentagon", "Duma", "Rada", "Bundestag",
  "Police", "police", "office", "Prosecutor", "Secretariat", "Union", "Alliance", "Organization", "Organisation", "Bureau",
  "Authority", "Corps", "Headquarters", "ministry", "army", "navy", "forces", "troops",
];

/** Bodies named without a head noun. */
export const BARE_BODIES = [
  "the Kremlin", "the White House", "the Pentagon", "NATO", "the European Union", "the EU", "the United Nations",
  "the UN", "the IAEA", "the G7", "Hamas", "Hezbollah", "the Taliban", "the Houthis", "Downing Street", "the Elysee",
  "the Élysée", "the Quai d'Orsay", "Foggy Bottom",
];

/** Countries and capitals that stand for a government ("Moscow said", "Ukraine fired"). */
export const STATE_NAMES = [
  "Russia", "Ukraine", "the United States", "the U.S.", "the US", "Washington", "Moscow", "Kyiv", "Kiev", "China",
  "Beijing", "Britain", "London", "France", "Paris", "Germany", "Berlin", "Israel", "Iran", "Tehran", "North Korea",
  "Pyongyang", "South Korea", "Seoul", "Japan", "Tokyo", "Poland", "Warsaw", "Belarus", "Minsk", "Turkey", "Ankara",
  "India", "New Delhi", "Pakistan", "Syria", "Damascus", "Lebanon", "Qatar", "Egypt", "Saudi Arabia", "Riyadh",
  "Hungary", "Budapest", "Italy", "Rome", "Canada", "Ottawa", "Taiwan", "Taipei", "Venezuela", "Georgia", "Moldova",
];

/** Words that may start a sentence with a capital but never a name. */
export const NOT_NAMES = new Set([
  "The", "A", "An", "But", "And", "In", "On", "At", "As", "It", "He", "She", "They", "We", "I", "This", "That", "These",
  "Those", "His", "Her", "Their", "Its", "Our", "After", "Before", "When", "While", "Asked", "Speaking", "According",
  "However", "Meanwhile", "Earlier", "Later", "Last", "Next", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
  "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December", "Mr.", "Ms.", "Mrs.", "Dr.", "U.S.", "US", "If", "Since", "Some", "Many", "Both",
  "Neither", "Nor", "Not", "No", "Yes", "So", "Also", "There", "Here", "What", "Who", "Why", "How", "Separately",
  "Still", "Yet", "Instead", "Under", "With", "Without", "For", "From", "By", "To", "Of", "Officials", "Sources",
]);

/** Stop words for key-word overlap. */
export const STOP_WORDS = new Set(
  ("a an and are as at be been being but by can could did do does for from had has have he her him his i if in into is it its " +
    "may might more most must no nor not of on once only or other our out over said says say she should so some such than that the " +
    "their them then there these they this those through to told under until up very was we were what when where which while who " +
    "whom why will with would you your also after before about against between during without within because since just "
    + "told tell says said monday tuesday wednesday thursday friday saturday sunday today yesterday week month year").split(/\s+/),
);
