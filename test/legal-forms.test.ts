import assert from "node:assert/strict";
import { test } from "node:test";
import formTable from "../resources/legal-forms.json" with { type: "json" };
import genericTable from "../resources/org-generic-words.json" with { type: "json" };
import {
  canonicalizeOrgTokens,
  isGenericOrgWord,
  isLegalFormToken,
  LEGAL_FORM_PREFIX,
  legalFormClass,
  legalFormClasses,
  legalFormInfo,
  orgWordTier,
} from "../src/names/legal-forms.ts";
import { tokenize } from "../src/names/normalize.ts";

type Variants = Partial<Record<"any" | "start" | "end" | "edge", string[]>>;
const classes = formTable.classes as Array<{
  class: string;
  name: string;
  family: string;
  source: string;
  variants: Variants;
}>;
const allVariants = classes.flatMap((c) => Object.values(c.variants).flat());

function canon(text: string): string[] {
  return canonicalizeOrgTokens(tokenize(text)).tokens;
}

// --- the tables -------------------------------------------------------------------------------------------

test("every legal-form variant is written as tokenize() leaves it", () => {
  for (const variant of allVariants) {
    assert.ok(variant.length > 0);
    assert.equal(tokenize(variant).join(" "), variant, `variant "${variant}"`);
  }
  for (const sequence of formTable.qualifiers.sequences) assert.equal(tokenize(sequence).join(" "), sequence);
});

test("classes have unique ids, a known family, a display name, a source and only known positions", () => {
  const ids = classes.map((c) => c.class);
  assert.equal(new Set(ids).size, ids.length);
  for (const c of classes) {
    assert.match(c.class, /^[a-z0-9]+$/);
    assert.ok(c.family in formTable.families, `${c.class}: family ${c.family}`);
    assert.ok(c.name.length > 3 && c.source.length > 10, c.class);
    for (const position of Object.keys(c.variants)) assert.ok(position in formTable.positions, position);
    assert.ok(Object.values(c.variants).flat().length > 0, c.class);
  }
});

test("no token sequence is listed twice, in one class or across classes", () => {
  const seen = new Map<string, string>();
  for (const c of classes) {
    for (const variant of Object.values(c.variants).flat()) {
      assert.ok(!seen.has(variant), `"${variant}" in ${c.class} and ${seen.get(variant)}`);
      seen.set(variant, c.class);
    }
  }
  for (const q of formTable.qualifiers.sequences) assert.ok(!seen.has(q), q);
});

test("short single-token forms are never position-free, and 'de' is never a form on its own", () => {
  for (const c of classes) {
    for (const variant of c.variants.any ?? []) {
      assert.ok(variant.includes(" ") || variant.length > 2, `${c.class}: "${variant}" needs a position`);
    }
  }
  assert.ok(!allVariants.includes("de"));
  for (const ambiguous of [
    "as",
    "ag",
    "sa",
    "co",
    "ab",
    "ao",
    "pt",
    "cia",
    "cie",
    "sal",
    "spa",
    "sas",
    "kg",
    "nv",
  ]) {
    const c = classes.find((x) => Object.values(x.variants).flat().includes(ambiguous));
    assert.ok(c, ambiguous);
    assert.ok(!(c.variants.any ?? []).includes(ambiguous), `${ambiguous} must be position-bound`);
  }
});

test("spelling alternatives are tokens, fold to a spelling the variants use, and never appear in a variant", () => {
  const variantTokens = new Set(allVariants.flatMap((v) => v.split(" ")));
  const alternatives = new Set<string>();
  for (const [canonical, list] of Object.entries(formTable.spellings.map)) {
    assert.ok(variantTokens.has(canonical), `spelling "${canonical}" is used by no variant`);
    for (const alternative of list) {
      assert.deepEqual(tokenize(alternative), [alternative]);
      assert.notEqual(alternative, canonical);
      assert.ok(!variantTokens.has(alternative), `"${alternative}" is itself a variant token`);
      assert.ok(!alternatives.has(alternative), `"${alternative}" listed twice`);
      alternatives.add(alternative);
    }
  }
});

test("class tokens cannot collide with words: tokenize never produces them", () => {
  assert.equal(LEGAL_FORM_PREFIX, "~");
  const tokens = legalFormClasses().map((c) => c.token);
  assert.equal(tokens.length, classes.length);
  for (const token of tokens) {
    assert.ok(token.startsWith(LEGAL_FORM_PREFIX));
    assert.notDeepEqual(tokenize(token), [token]);
    assert.ok(isLegalFormToken(token));
  }
  assert.ok(!isLegalFormToken("llc"));
});

test("generic words are single tokens, in one tier only, and never legal forms", () => {
  const seen = new Set<string>();
  const singleForms = new Set(allVariants.filter((v) => !v.includes(" ")));
  for (const [tier, group] of Object.entries(genericTable.tiers)) {
    assert.ok(group.suggestedWeight > 0 && group.suggestedWeight < 1, tier);
    for (const word of group.words) {
      assert.deepEqual(tokenize(word), [word], `${tier}: "${word}"`);
      assert.ok(!seen.has(word), `"${word}" listed twice`);
      assert.ok(!singleForms.has(word), `"${word}" is a legal form`);
      assert.ok(!(word in genericTable.notGeneric), `"${word}" is also in notGeneric`);
      seen.add(word);
    }
  }
});

// --- every class in its variants --------------------------------------------------------------------------

// Written as lists print them; each must end "ACME TRADING <form>" as one class token.
const TRAILING: Array<[string, string[]]> = [
  [
    "ojsc",
    [
      "OAO",
      "O.A.O.",
      "OJSC",
      "OPEN JOINT STOCK COMPANY",
      "OPEN JOINT-STOCK COMPANY",
      "OTKRYTOE AKTSIONERNOE OBSHCHESTVO",
      "OTKRYTOYE AKTSIONERNOYE OBSCHESTVO",
    ],
  ],
  [
    "cjsc",
    [
      "ZAO",
      "Z.A.O.",
      "CJSC",
      "CLOSED JOINT STOCK COMPANY",
      "ZAKRYTOE AKTSIONERNOE OBSHCHESTVO",
      "ZAKRYTOYE AKTSIONERNOYE OBSHCHESTVO",
    ],
  ],
  [
    "jsc",
    [
      "AO",
      "A.O.",
      "JSC",
      "J.S.C.",
      "JOINT STOCK COMPANY",
      "JOINT-STOCK COMPANY",
      "AKTSIONERNOE OBSHCHESTVO",
      "AKTSIONERNOYE OBSHCHESTVO",
      "NEPUBLICHNOE AKTSIONERNOE OBSHCHESTVO",
    ],
  ],
  [
    "pjsc",
    [
      "PAO",
      "PJSC",
      "P.J.S.C.",
      "PUBLIC JOINT STOCK COMPANY",
      "PUBLICHNOE AKTSIONERNOE OBSHCHESTVO",
      "PUBLICHNOYE AKTSIONERNOYE OBSCHESTVO",
      "SHERKAT-E SAHAMI-YE AAM",
    ],
  ],
  [
    "prjsc",
    [
      "PRIVATE JOINT STOCK COMPANY",
      "PrJSC",
      "SHERKAT-E SAHAMI KHAS",
      "SHERKATE SAHAMI KHASS",
      "Sherkat-e Sahami-ye Khass",
      "PJS",
    ],
  ],
  [
    "llc",
    [
      "OOO",
      "O.O.O.",
      "LLC",
      "L.L.C.",
      "LIMITED LIABILITY COMPANY",
      "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU",
      "OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOST'YU",
      "OBSCHESTVO S OGRANICHENNOJ OTVETSTVENNOSTJU",
      "OBSHCHESTVO S ORGANICHENNOI OTVETSTVENNOSTYU",
      "TOV",
      "W.L.L.",
      "SH.P.K.",
    ],
  ],
  [
    "coltd",
    [
      "CO., LTD.",
      "CO. LTD",
      "COMPANY LIMITED",
      "CO LIMITED",
      "LIMITED COMPANY",
      "CIA. LTDA.",
      "YOUXIAN GONGSI",
    ],
  ],
  ["ltd", ["LTD", "LTD.", "LIMITED", "LTDA.", "LIMITADA", "LDA", "LTÉE"]],
  ["inc", ["INC", "INC.", "INCORPORATED"]],
  ["corp", ["CORP", "CORP.", "CORPORATION", "CORPORACIÓN"]],
  ["co", ["CO", "CO.", "COMPANY", "COMPAÑÍA", "COMPANHIA", "CIE", "KOMPANIYA", "ŞİRKETİ"]],
  ["plc", ["PLC", "P.L.C.", "PUBLIC LIMITED COMPANY", "PUBLIC COMPANY LIMITED", "PCL"]],
  [
    "llp",
    ["LLP", "L.L.P.", "LIMITED LIABILITY PARTNERSHIP", "TOVARISHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU"],
  ],
  ["lp", ["LP", "L.P.", "LIMITED PARTNERSHIP", "C.V.", "S. EN C.", "BT."]],
  [
    "gmbh",
    [
      "GMBH",
      "GmbH",
      "GES.M.B.H.",
      "GESELLSCHAFT MIT BESCHRÄNKTER HAFTUNG",
      "GESELLSCHAFT MIT BESCHRAENKTER HAFTUNG",
      "mbH",
    ],
  ],
  ["ag", ["AG", "AKTIENGESELLSCHAFT"]],
  ["kg", ["KG", "KOMMANDITGESELLSCHAFT", "& CO. KG"]],
  ["gmbhcokg", ["GMBH & CO. KG", "GmbH & Co KG", "GMBH UND CO. KG"]],
  ["sa", ["S.A.", "SA", "SOCIEDAD ANÓNIMA", "SOCIÉTÉ ANONYME", "SPÓŁKA AKCYJNA", "S.A.C.", "C.A.", "S.A.E."]],
  [
    "sadecv",
    ["S.A. DE C.V.", "SA DE CV", "S.A. de C.V.", "SOCIEDAD ANONIMA DE CAPITAL VARIABLE", "S.A.P.I. DE C.V."],
  ],
  [
    "srl",
    [
      "S.R.L.",
      "SRL",
      "S.r.l.",
      "S. DE R.L.",
      "SOCIETÀ A RESPONSABILITÀ LIMITATA",
      "SOCIETATE CU RĂSPUNDERE LIMITATĂ",
      "SPRL",
    ],
  ],
  ["srldecv", ["S. DE R.L. DE C.V.", "S. de R.L. de C.V.", "S DE RL DE CV"]],
  ["sarl", ["SARL", "S.A.R.L.", "S.à r.l.", "SARLU", "EURL", "SOCIÉTÉ À RESPONSABILITÉ LIMITÉE"]],
  ["sas", ["SAS", "S.A.S.", "SASU", "SOCIÉTÉ PAR ACTIONS SIMPLIFIÉE"]],
  ["spa", ["S.P.A.", "S.p.A.", "SPA", "SOCIETÀ PER AZIONI"]],
  ["bv", ["B.V.", "BV", "BESLOTEN VENNOOTSCHAP", "BVBA"]],
  ["nv", ["N.V.", "NV", "NAAMLOZE VENNOOTSCHAP"]],
  ["spzoo", ["SP. Z O.O.", "Sp. z o.o.", "SP Z OO", "SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ"]],
  ["sal", ["S.A.L.", "SAL", "S.A.L. (OFFSHORE)", "SAL OFF-SHORE"]],
  ["fze", ["FZE", "F.Z.E.", "FREE ZONE ESTABLISHMENT"]],
  ["fzco", ["FZCO", "FZC", "F.Z.CO.", "FREE ZONE COMPANY"]],
  ["fzllc", ["FZ-LLC", "FZ LLC", "FZLLC", "FREE ZONE LLC"]],
  ["dmcc", ["DMCC", "DMCEST"]],
  ["pteltd", ["PTE. LTD.", "PTE LTD", "PTE LIMITED"]],
  ["ptyltd", ["PTY LTD", "(PTY) LTD.", "PTY. LIMITED", "PROPRIETARY LIMITED"]],
  ["pvtltd", ["PVT. LTD.", "(PVT) LTD", "PRIVATE LIMITED"]],
  ["sdnbhd", ["SDN. BHD.", "SENDIRIAN BERHAD"]],
  ["kk", ["K.K.", "KK", "KABUSHIKI KAISHA", "KABUSHIKI GAISHA"]],
  ["yk", ["YUGEN KAISHA", "Y.K.", "YUGEN GAISHA"]],
  [
    "as",
    [
      "A.S.",
      "A.Ş.",
      "AS",
      "A/S",
      "ASA",
      "ANONIM ŞİRKETİ",
      "ANONIM SIRKETI",
      "AKTIESELSKAB",
      "AKCIOVÁ SPOLEČNOST",
      "AKTSIASELTS",
    ],
  ],
  ["ltdsti", ["LTD. ŞTİ.", "LTD STI", "LIMITED ŞİRKETİ", "LIMITED SIRKETI"]],
  ["uab", ["UAB", "UŽDAROJI AKCINĖ BENDROVĖ"]],
  ["ab", ["AB", "AKTIEBOLAG", "AB (PUBL)", "AKCINĖ BENDROVĖ"]],
  ["ou", ["OÜ", "OU", "OSAÜHING"]],
  ["eood", ["EOOD", "Eood", "EDNOLICHNO DRUZHESTVO S OGRANICHENA OTGOVORNOST"]],
  ["ood", ["OOD", "DRUZHESTVO S OGRANICHENA OTGOVORNOST"]],
  ["ad", ["AD", "A.D.", "AKTSIONERNO DRUZHESTVO"]],
  ["doo", ["D.O.O.", "DOO", "d.o.o.", "DOOEL"]],
  ["dd", ["D.D.", "d.d.", "DIONIČKO DRUŠTVO"]],
  ["kft", ["KFT.", "Kft", "KORLÁTOLT FELELŐSSÉGŰ TÁRSASÁG"]],
  ["zrt", ["ZRT.", "Zrt", "ZÁRTKÖRŰEN MŰKÖDŐ RÉSZVÉNYTÁRSASÁG"]],
  ["nyrt", ["NYRT.", "Nyrt"]],
  ["sro", ["S.R.O.", "s.r.o.", "SPOL. S R.O.", "SPOLEČNOST S RUČENÍM OMEZENÝM"]],
  ["aps", ["APS", "ApS", "ANPARTSSELSKAB"]],
  ["oy", ["OY", "Oy", "OY AB", "OSAKEYHTIÖ"]],
  ["oyj", ["OYJ", "Oyj", "JULKINEN OSAKEYHTIÖ"]],
  ["ehf", ["EHF.", "ehf", "HF."]],
  ["eirl", ["E.I.R.L.", "EIRL", "EIRELI", "E.U."]],
  ["gie", ["GIE", "GROUPEMENT D'INTÉRÊT ÉCONOMIQUE"]],
  [
    "fsue",
    ["FSUE", "FGUP", "FEDERAL STATE UNITARY ENTERPRISE", "FEDERALNOE GOSUDARSTVENNOE UNITARNOE PREDPRIYATIE"],
  ],
  ["sue", ["GUP", "STATE UNITARY ENTERPRISE", "GOSUDARSTVENNOYE UNITARNOYE PREDPRIYATIYE"]],
  ["mue", ["MUP", "MUNICIPAL UNITARY ENTERPRISE"]],
  [
    "npo",
    [
      "NPO",
      "NAUCHNO-PROIZVODSTVENNOE OBEDINENIE",
      "SCIENTIFIC PRODUCTION ASSOCIATION",
      "RESEARCH AND PRODUCTION ASSOCIATION",
    ],
  ],
  [
    "nonprofit",
    ["NGO", "NON-PROFIT ORGANIZATION", "NON-GOVERNMENTAL ORGANIZATION", "NEKOMMERCHESKAYA ORGANIZATSIYA"],
  ],
  ["ano", ["ANO", "AUTONOMOUS NON-COMMERCIAL ORGANIZATION", "AVTONOMNAYA NEKOMMERCHESKAYA ORGANIZATSIYA"]],
  ["fgbu", ["FEDERAL STATE BUDGETARY INSTITUTION", "FEDERAL STATE FINANCED INSTITUTION", "FGBU"]],
  ["fgbou", ["FEDERAL STATE BUDGETARY EDUCATIONAL INSTITUTION OF HIGHER EDUCATION", "FGBOU VO"]],
  ["statecorp", ["STATE CORPORATION", "GOSUDARSTVENNAYA KORPORATSIYA"]],
  ["spr", ["S.P.R. DE R.L.", "S. DE P.R. DE R.L.", "S.P.R. DE R.I."]],
  ["cc", ["CC", "CLOSE CORPORATION"]],
  ["coop", ["CO-OPERATIVE", "COOPERATIVE", "COOPERATIVA"]],
  ["jv", ["JV", "J.V.", "JOINT VENTURE"]],
];

test("each legal form in each of its variants becomes its class token at the end of a name", () => {
  for (const [cls, texts] of TRAILING) {
    const token = LEGAL_FORM_PREFIX + cls;
    assert.ok(legalFormInfo(token), `class ${cls} exists`);
    for (const text of texts) {
      const { tokens, forms } = canonicalizeOrgTokens(tokenize(`ACME TRADING ${text}`));
      const expected = ["acme", "trading", token];
      // A trailing qualifier stays as a word after the form.
      const qualifier = tokens.length > 3 && !tokens.at(-1)?.startsWith(LEGAL_FORM_PREFIX);
      assert.deepEqual(qualifier ? tokens.slice(0, 3) : tokens, expected, `${cls}: "${text}"`);
      assert.deepEqual(forms, [token], `${cls}: "${text}"`);
    }
  }
});

test("forms that head names are recognised there too", () => {
  const leading: Array<[string, string]> = [
    ["OOO ROMASHKA", "~llc"],
    ["AO KURGANPRIBOR", "~jsc"],
    ["ZAO INSTRUMENT", "~cjsc"],
    ["PAO MECHEL", "~pjsc"],
    ["LIMITED LIABILITY COMPANY ARCTIC LNG 2", "~llc"],
    ["JOINT STOCK COMPANY NEW HOLDING 2", "~jsc"],
    ["PT BANK MANDIRI", "~pt"],
    ["TOO ALMATY TRADE", "~llp"],
    ["UAB GARSU PASAULIS", "~uab"],
    ["AB VOLVO", "~ab"],
    ["SIA FALCON INTERNATIONAL GROUP", "~sia"],
    ["FGUP ATOMFLOT", "~fsue"],
    ["GUP RK KTB SUDOKOMPOZIT", "~sue"],
    ["MUP VODOKANAL", "~mue"],
    ["SRL SKYLINE AVIATION", "~srl"],
    ["CIA. MINERA ANDINA", "~co"],
    ["C.I. DEL ISTMO", "~ci"],
    ["FOP IVANENKO", "~sole"],
    ["AKB PERESVET", "~akb"],
    ["SHERKAT-E SAHAMI KHAS TOSEE", "~prjsc"],
  ];
  for (const [text, token] of leading) {
    const { tokens } = canonicalizeOrgTokens(tokenize(text));
    assert.equal(tokens[0], token, text);
    assert.ok(tokens.length >= 2, text);
  }
});

// --- position constraints ---------------------------------------------------------------------------------

test("ambiguous short tokens count only where the table allows them", () => {
  // The Arabic article before S, not Turkish A.Ş.
  assert.deepEqual(canon("AS SALAM TRADING"), ["as", "salam", "trading"]);
  assert.deepEqual(canon("BAYRAK AS"), ["bayrak", "~as"]);
  // A whole name is never only a position-bound form.
  for (const alone of ["AS", "SA", "AG", "CO", "AO", "AB", "PT", "CIA", "SAL", "SPA"]) {
    assert.deepEqual(canon(alone), [alone.toLowerCase()], alone);
  }
  // End-only forms at the start, start-only forms at the end, anything in the middle: plain words.
  assert.deepEqual(canon("AG GHALI TRADING"), ["ag", "ghali", "trading"]);
  assert.deepEqual(canon("SA WATER"), ["sa", "water"]);
  assert.deepEqual(canon("BANK PT"), ["bank", "pt"]);
  assert.deepEqual(canon("ME TOO"), ["me", "too"]);
  assert.deepEqual(canon("NPP PT OKEANOS"), ["~npp", "pt", "okeanos"]);
  assert.deepEqual(canon("LIMITED LIABILITY COMPANY AB OPTIKS"), ["~llc", "ab", "optiks"]);
  assert.deepEqual(canon("ALFA AO BETA"), ["alfa", "ao", "beta"]);
  assert.deepEqual(canon("VOLVO AB"), ["volvo", "~ab"]);
  assert.deepEqual(canon("KURGANPRIBOR AO"), ["kurganpribor", "~jsc"]);
  // "de" is a form only inside S.A. de C.V. and its kin.
  assert.deepEqual(canon("BANCO NACIONAL DE CUBA"), ["banco", "nacional", "de", "cuba"]);
  assert.deepEqual(canon("CASA DE CAMBIO S.A. DE C.V."), ["casa", "de", "cambio", "~sadecv"]);
});

test("position-free forms count anywhere, including as the whole name", () => {
  assert.deepEqual(canon("LLC"), ["~llc"]);
  assert.deepEqual(canon("LIMITED LIABILITY COMPANY"), ["~llc"]);
  assert.deepEqual(canon("X D.O.O. BEOGRAD"), ["x", "~doo", "beograd"]);
  assert.deepEqual(canon("SOVCOMBANK OOO STRAKHOVANIE"), ["sovcombank", "~llc", "strakhovanie"]);
});

test("an end-only form may be followed by other forms or by a trailing qualifier", () => {
  assert.deepEqual(canon("GENERAL TRADING CO. LLC"), ["general", "trading", "~co", "~llc"]);
  assert.deepEqual(canon("NASCO POLYMERS & CHEMICALS CO SAL (OFF-SHORE)"), [
    "nasco",
    "polymers",
    "chemicals",
    "~co",
    "~sal",
    "off",
    "shore",
  ]);
  assert.deepEqual(canon("ESMERALDAS COLOMBIANAS LTDA. C.I."), ["esmeraldas", "colombianas", "~ltd", "~ci"]);
  // A qualifier with no form before it is an ordinary word.
  assert.deepEqual(canon("BARLY OFF-SHORE"), ["barly", "off", "shore"]);
  assert.deepEqual(canon("X OFFSHORE LTD"), ["x", "offshore", "~ltd"]);
});

// --- multi-token forms, longest first ---------------------------------------------------------------------

test("the longest variant wins", () => {
  assert.deepEqual(canon("GAZPROM PUBLIC JOINT STOCK COMPANY"), ["gazprom", "~pjsc"]);
  assert.deepEqual(canon("OPEN JOINT STOCK COMPANY ROSOBORONEKSPORT"), ["~ojsc", "rosoboroneksport"]);
  assert.deepEqual(canon("ROSOBORONEKSPORT, O.A.O."), ["rosoboroneksport", "~ojsc"]);
  assert.deepEqual(canon("ACME GMBH & CO. KG"), ["acme", "~gmbhcokg"]);
  assert.deepEqual(canon("ACME GMBH"), ["acme", "~gmbh"]);
  assert.deepEqual(canon("ACME S. DE R.L. DE C.V."), ["acme", "~srldecv"]);
  assert.deepEqual(canon("ACME S. DE R.L."), ["acme", "~srl"]);
  assert.deepEqual(canon("ACME FZ-LLC"), ["acme", "~fzllc"]);
  assert.deepEqual(canon("JOINT STOCK COMMERCIAL BANK ROSSIYA"), ["~akb", "rossiya"]);
  assert.deepEqual(canon("FEDERAL STATE UNITARY ENTERPRISE ATOMFLOT"), ["~fsue", "atomflot"]);
  assert.deepEqual(canon("STATE UNITARY ENTERPRISE X"), ["~sue", "x"]);
});

test("CO., LTD. and LTD are different classes of the same family", () => {
  const coltd = canonicalizeOrgTokens(tokenize("ANGLO-CARIBBEAN CO., LTD.")).forms;
  const ltd = canonicalizeOrgTokens(tokenize("ANGLO-CARIBBEAN LTD")).forms;
  assert.deepEqual(coltd, ["~coltd"]);
  assert.deepEqual(ltd, ["~ltd"]);
  assert.equal(legalFormInfo("~coltd")?.family, legalFormInfo("~ltd")?.family);
  assert.equal(legalFormInfo("~as")?.family, legalFormInfo("~jsc")?.family);
});

test("digits stay meaningful and non-form tokens keep their own spelling", () => {
  assert.deepEqual(canon("11420 CORP."), ["11420", "~corp"]);
  assert.deepEqual(canon("OBSCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU KHOLDINGOVAYA KOMPANIYA YU"), [
    "~llc",
    "kholdingovaya",
    "~co",
    "yu",
  ]);
});

test("forms lists each class found once, in name order; the input is not changed", () => {
  const input = tokenize("OOO NPO ACME LLC");
  const copy = [...input];
  const result = canonicalizeOrgTokens(input);
  assert.deepEqual(result.tokens, ["~llc", "~npo", "acme", "~llc"]);
  assert.deepEqual(result.forms, ["~llc", "~npo"]);
  assert.deepEqual(input, copy);
  assert.deepEqual(canonicalizeOrgTokens([]), { tokens: [], forms: [] });
  assert.deepEqual(canonicalizeOrgTokens(["acme"]), { tokens: ["acme"], forms: [] });
});

// --- whole-name lookup and generic words ------------------------------------------------------------------

test("legalFormClass looks up a whole name, ignoring positions", () => {
  assert.equal(legalFormClass(tokenize("S.A. de C.V.")), "~sadecv");
  assert.equal(legalFormClass(tokenize("Open Joint-Stock Company")), "~ojsc");
  assert.equal(legalFormClass(tokenize("OTKRYTOYE AKTSIONERNOYE OBSCHESTVO")), "~ojsc");
  assert.equal(legalFormClass(["as"]), "~as");
  assert.equal(legalFormClass(["acme", "ltd"]), undefined);
  assert.equal(legalFormClass(["joint", "stock", "company", "x"]), undefined);
  assert.equal(legalFormClass(["offshore"]), undefined);
  assert.equal(legalFormClass([]), undefined);
});

test("generic organisation words, class tokens and free legal forms are generic; informative words are not", () => {
  for (const word of [
    "bank",
    "group",
    "holding",
    "holdings",
    "international",
    "trading",
    "services",
    "the",
    "of",
  ]) {
    assert.ok(isGenericOrgWord(word), word);
  }
  for (const word of ["grupo", "kholding", "moasseseh", "ticaret", "sanayi", "jituan", "predpriyatiye"]) {
    assert.ok(isGenericOrgWord(word), word);
  }
  for (const word of ["~llc", "~co", "ltd", "company", "gmbh", "kompaniya"])
    assert.ok(isGenericOrgWord(word), word);
  for (const word of ["melli", "sepah", "tejarat", "islamic", "rosneft", "11420", "as", "sa", "co"]) {
    assert.ok(!isGenericOrgWord(word), word);
  }
  assert.equal(orgWordTier("of"), "function");
  assert.equal(orgWordTier("group"), "generic");
  assert.equal(orgWordTier("bank"), "descriptive");
  assert.equal(orgWordTier("~jsc"), "legal-form");
  assert.equal(orgWordTier("melli"), undefined);
});

test("legalFormInfo explains a class token", () => {
  const info = legalFormInfo("~ojsc");
  assert.ok(info);
  assert.equal(info.token, "~ojsc");
  assert.match(info.name, /Open joint-stock company/);
  assert.equal(info.family, "joint-stock");
  assert.ok(info.source.length > 0);
  assert.equal(legalFormInfo("ojsc"), undefined);
});
