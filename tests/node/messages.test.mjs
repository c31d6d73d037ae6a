// The help form element's words (js/messages/*.js) and what they must agree
// with: every language has English's keys, the same {placeholders} and the
// plural forms its language has; the built package ships each language; and
// the element's language table, its fields' limits and the declared message
// keys match the files they depend on (read as source, like the drift
// checks of tests/packaging/types.test.mjs).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

const root = new URL("../../", import.meta.url).pathname;
const source = (path) => readFileSync(join(root, path), "utf8");

/** The languages of a folder of word files: "fr" for fr.js. */
const languagesIn = (dir) =>
  readdirSync(join(root, dir))
    .filter((file) => file.endsWith(".js"))
    .map((file) => file.slice(0, -3))
    .sort();

const LANGUAGES = languagesIn("js/messages");
const words = async (dir, language) => (await import(pathToFileURL(join(root, dir, `${language}.js`)).href)).default;
const en = await words("js/messages", "en");
const sorted = (iterable) => [...iterable].sort();

/** The {names} a text fills in, each once. */
const placeholders = (text) => sorted(new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])));

/** A message's forms: a text is one form; an object holds one per plural category. */
const forms = (message) => (typeof message === "string" ? { text: message } : message);

test("English's messages are texts or plural forms, each form with the same placeholders", () => {
  assert.ok(LANGUAGES.includes("en") && LANGUAGES.length > 1, `js/messages holds ${LANGUAGES}`);
  assert.ok(Object.keys(en).length > 20, "en.js has its words");
  for (const [key, message] of Object.entries(en)) {
    assert.ok(typeof message === "string" || (message && typeof message === "object"), `en.${key}`);
    const sets = Object.values(forms(message)).map((text) => {
      assert.equal(typeof text, "string", `en.${key}`);
      assert.notEqual(text.trim(), "", `en.${key} is empty`);
      return placeholders(text).join(" ");
    });
    assert.equal(new Set(sets).size, 1, `en.${key}: its forms fill in different values`);
  }
});

for (const language of LANGUAGES.filter((l) => l !== "en")) {
  test(`${language}: exactly English's keys, the same {placeholders} in every form, and the plural categories of ${language}`, async () => {
    const messages = await words("js/messages", language);
    assert.deepEqual(sorted(Object.keys(messages)), sorted(Object.keys(en)), `${language}.js's keys`);
    const categories = sorted(new Intl.PluralRules(language).resolvedOptions().pluralCategories);
    for (const [key, english] of Object.entries(en)) {
      const message = messages[key];
      const expected = placeholders(Object.values(forms(english))[0]);
      if (typeof english === "string") {
        assert.equal(typeof message, "string", `${language}.${key} is a text, as in English`);
      } else {
        assert.ok(message && typeof message === "object", `${language}.${key} has plural forms, as in English`);
        // Intl.PluralRules picks the form (the element's #text): each category it gives, and no other.
        assert.deepEqual(sorted(Object.keys(message)), categories, `${language}.${key}'s plural forms`);
      }
      for (const [form, text] of Object.entries(forms(message))) {
        assert.equal(typeof text, "string", `${language}.${key}.${form}`);
        assert.notEqual(text.trim(), "", `${language}.${key}.${form} is empty`);
        assert.deepEqual(placeholders(text), expected, `${language}.${key}${typeof message === "string" ? "" : `.${form}`}: ${JSON.stringify(text)}`);
      }
    }
  });
}

test("English's plural forms are English's plural categories", () => {
  const categories = sorted(new Intl.PluralRules("en").resolvedOptions().pluralCategories);
  for (const [key, message] of Object.entries(en)) {
    if (typeof message === "object") assert.deepEqual(sorted(Object.keys(message)), categories, `en.${key}`);
  }
});

test("pkg/messages holds the same languages as js/messages, with the same words", async () => {
  assert.deepEqual(languagesIn("pkg/messages"), LANGUAGES);
  for (const language of LANGUAGES) assert.deepEqual(await words("pkg/messages", language), await words("js/messages", language), language);
});

/** The body of `const NAME = { ... };` in js/element.js. */
function table(name) {
  const m = new RegExp(`^const ${name} = \\{\\n([\\s\\S]*?)\\n\\};$`, "m").exec(source("js/element.js"));
  assert.ok(m, `js/element.js has no ${name} table: update this test to the code`);
  return m[1];
}

test("js/element.js's LANGUAGES table imports exactly the files of js/messages, each under its own tag (English too: a page loads only its own words)", () => {
  const entries = [...table("LANGUAGES").matchAll(/^\s*(?:"([\w-]+)"|([\w]+)): \(\) => import\("\.\/messages\/([\w-]+)\.js"\),$/gm)];
  assert.equal(entries.length, table("LANGUAGES").trim().split("\n").length, "every line of LANGUAGES is read");
  for (const [, quoted, bare, file] of entries) assert.equal(quoted ?? bare, file, `LANGUAGES.${quoted ?? bare} imports messages/${file}.js`);
  assert.deepEqual(sorted(entries.map((m) => m[3])), LANGUAGES);
  // No language is bundled into the element: a page downloads only its own words.
  assert.doesNotMatch(source("js/element.js"), /^import \w+ from "\.\/messages\//m);
});

test("drift: the max of each field in js/element.js's FIELDS is the TextLimit of src/session.rs", () => {
  const limits = Object.fromEntries(
    [...source("src/session.rs").matchAll(/: TextLimit = TextLimit \{\s*field: "(\w+)",\s*max_chars: (\d+),\s*\}/g)].map((m) => [m[1], Number(m[2])]),
  );
  const fields = Object.fromEntries(
    [...table("FIELDS").matchAll(/^\s*\w+: \{ name: "(\w+)",[^\n]*?\bmax: (\d+)\b/gm)].map((m) => [m[1], Number(m[2])]),
  );
  assert.deepEqual(sorted(Object.keys(fields)), sorted(["customerName", "customerEmail", "customerNumber", "problemDescription"]), "FIELDS");
  for (const [name, max] of Object.entries(fields)) assert.equal(max, limits[name], `FIELDS' ${name}: src/session.rs allows ${limits[name]}`);
});

test("drift: js/element.d.ts's MessageKey is exactly the keys of js/messages/en.js", () => {
  const m = /export type MessageKey =([^;]+);/.exec(source("js/element.d.ts"));
  assert.ok(m, "js/element.d.ts declares no MessageKey");
  const declared = [...m[1].matchAll(/"(\w+)"/g)].map((k) => k[1]);
  assert.equal(new Set(declared).size, declared.length, "MessageKey names each key once");
  assert.deepEqual(sorted(declared), sorted(Object.keys(en)));
});
