import http from "node:http";

// Plain HTTP for the specs that need what Playwright's request client cannot do: send from a
// chosen local address (127.0.0.x, each a different client to the server), or post the sign-in
// form exactly as a browser without JavaScript would.

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; text: string };

export function rawRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: Buffer | string; localAddress?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? "GET", headers: init.headers, localAddress: init.localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

const decodeAttr = (v: string) => v.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** The hidden fields of the sign-in form (the server action's reference), as a browser would post them. */
export async function signInFormFields(baseURL: string): Promise<[string, string][]> {
  const page = await rawRequest(`${baseURL}/editor/sign-in`);
  const form = /<form[^>]*method="POST"[^>]*>([\s\S]*?)<\/form>/.exec(page.text)?.[1] ?? "";
  return [...form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)].map((m) => [decodeAttr(m[1]!), decodeAttr(m[2] ?? "")]);
}

export type SignInOutcome = { status: number; ok: boolean; message: string };

/** Posts the sign-in form without JavaScript, from `localAddress`, and reads what the page says. */
export async function postSignIn(
  baseURL: string,
  fields: [string, string][],
  email: string,
  password: string,
  opts: { localAddress?: string; headers?: Record<string, string> } = {},
): Promise<SignInOutcome> {
  const form = new FormData();
  for (const [k, v] of fields) form.append(k, v);
  form.append("email", email);
  form.append("password", password);
  const encoded = new Request("http://x/", { method: "POST", body: form });
  const body = Buffer.from(await encoded.arrayBuffer());
  const res = await rawRequest(`${baseURL}/editor/sign-in`, {
    method: "POST",
    body,
    localAddress: opts.localAddress,
    headers: { "content-type": encoded.headers.get("content-type")!, origin: baseURL, accept: "text/html", ...opts.headers },
  });
  const message = /id="sign-in-password-error"[^>]*>([^<]*)</.exec(res.text)?.[1] ?? "";
  return { status: res.status, ok: res.status === 303 && /\/editor$/.test(String(res.headers.location ?? "")), message: decodeAttr(message) };
}
