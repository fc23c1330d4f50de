import assert from "node:assert/strict";
import { test } from "node:test";
import { detectScript } from "../src/names/script.ts";

test("Latin, accented Latin, digits and punctuation have no script code", () => {
  for (const text of [
    "",
    "ROSOBORONEKSPORT OAO",
    "Müller-Lüdenscheidt",
    "Đặng Văn Ngữ",
    "11420 CORP.",
    "  -  ",
  ]) {
    assert.equal(detectScript(text), undefined, text);
  }
});

test("each script in the table is recognised by its ISO 15924 code", () => {
  const cases: Array<[string, string]> = [
    ["إبراهيم حسن طالع العسيري", "Arab"],
    ["عبدالغنی برادر", "Arab"], // Persian letters are Arabic script
    ["Умаров Доку Хаматович", "Cyrl"],
    ["조선광업개발무역회사", "Hang"],
    ["朝鲜联合机械贸易会社", "Hani"],
    ["בנק לאומי", "Hebr"],
    ["Κωνσταντίνος", "Grek"],
    ["ทักษิณ ชินวัตร", "Thai"],
    ["ኢትዮጵያ", "Ethi"],
    ["ひらがな", "Hira"],
    ["カタカナ", "Kana"],
    ["Հայաստան", "Armn"],
    ["საქართველო", "Geor"],
    ["नरेन्द्र मोदी", "Deva"],
  ];
  for (const [text, code] of cases) assert.equal(detectScript(text), code, text);
});

test("mixed text: the non-Latin script with the most letters wins, Latin never does", () => {
  assert.equal(detectScript("Sberbank (Сбербанк)"), "Cyrl");
  assert.equal(detectScript("Jin Tiesan (金铁三)"), "Hani");
  assert.equal(detectScript("김정은 金正恩"), "Hang");
  assert.equal(detectScript("金正恩 김정"), "Hani");
});

test("equal counts are broken by table order, not by order of appearance", () => {
  assert.equal(detectScript("Жب"), "Arab");
  assert.equal(detectScript("بЖ"), "Arab");
});
