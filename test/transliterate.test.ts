import assert from "node:assert/strict";
import { test } from "node:test";
import { normalizeName } from "../src/names/normalize.ts";
import { hanNumber, latinReadings, learnReadings } from "../src/names/transliterate.ts";

const all = (text: string) => latinReadings(text, { max: 12 });

function includesAll(readings: string[], expected: string[], label: string): void {
  for (const e of expected)
    assert.ok(readings.includes(e), `${label}: expected "${e}" in ${JSON.stringify(readings)}`);
}

test("Latin input passes through as its normalised form, and nothing else", () => {
  assert.deepEqual(latinReadings("Vladimir PUTIN"), ["vladimir putin"]);
  assert.deepEqual(latinReadings("AL-QA'IDA"), ["al qaida"]);
  assert.deepEqual(latinReadings("Müller-Lüdenscheidt"), ["muller ludenscheidt"]);
  assert.deepEqual(latinReadings("Đặng Văn Ngữ"), [normalizeName("Đặng Văn Ngữ")]);
  assert.deepEqual(latinReadings(""), []);
  assert.deepEqual(latinReadings("  -  "), []);
});

test("every reading is already normalised, distinct, and at most max", () => {
  for (const name of [
    "Евгений Пригожин",
    "علي حسن المجيد التكريتي",
    "김정은",
    "习近平",
    "צפרירים קירור ומיזוג בע״מ",
  ]) {
    const readings = all(name);
    assert.ok(readings.length > 1, name);
    assert.equal(new Set(readings).size, readings.length, name);
    for (const r of readings) assert.equal(normalizeName(r), r, name);
    // Unpointed Hebrew adds mixes of its per-word guesses, up to 8; every other script stays at 4.
    assert.ok(latinReadings(name).length <= (/\p{Script=Hebrew}/u.test(name) ? 8 : 4), name);
    assert.equal(latinReadings(name, { max: 2 }).length, 2, name);
    assert.equal(latinReadings(name, { max: 1 })[0], readings[0], name);
  }
});

test("Cyrillic: BGN/PCGN first, then ICAO, common English, German, French, GOST", () => {
  assert.deepEqual(all("Евгений"), ["yevgeniy", "evgenii", "evgeny", "jewgeni", "evgueni", "evgenij"]);
  includesAll(all("Дмитрий"), ["dmitriy", "dmitrii", "dmitry", "dmitri"], "Дмитрий");
  includesAll(all("Сергей"), ["sergey", "sergei", "sergej", "serguei"], "Сергей");
  includesAll(all("Александр"), ["aleksandr", "alexander", "alexandre"], "Александр");
  includesAll(all("Владимир Путин"), ["vladimir putin", "wladimir putin", "vladimir poutine"], "Путин");
  includesAll(all("Хрущёв"), ["khrushchev", "khrushchov", "chruschtschow", "xrushhyov"], "Хрущёв");
  includesAll(all("Щукин Цой Жуков"), ["shchukin tsoy zhukov", "shchukin tsoi zhukov"], "ICAO letters");
});

test("Cyrillic context rules: е and ё after vowels, signs and at the start; endings; ks", () => {
  assert.equal(all("Ельцин")[0], "yeltsin");
  assert.equal(all("Ельцин")[1], "eltsin");
  assert.equal(all("Васильев")[0], "vasilyev");
  includesAll(all("Васильев"), ["vasilev", "wassiljew", "vassiliev"], "Васильев");
  includesAll(all("Пётр Фёдорович"), ["petr fedorovich", "pyotr fyodorovich"], "ё");
  includesAll(all("Горбачёв"), ["gorbachev", "gorbachov", "gorbatschow"], "ё after ч");
  includesAll(all("Николай"), ["nikolay", "nikolai", "nikolaj"], "й");
  includesAll(all("Достоевский"), ["dostoyevskiy", "dostoevskii", "dostoyevsky", "dostojewski"], "-ский");
  includesAll(all("Максим"), ["maksim", "maxim"], "кс");
  includesAll(all("Гагарин"), ["gagarin", "gagarine"], "French -ine");
});

test("Cyrillic: Ukrainian, Belarusian, Bulgarian, Serbian and Kazakh letters", () => {
  includesAll(
    all("Володимир Зеленський"),
    ["volodymyr zelenskyy", "volodymyr zelensky", "wolodymyr selenskyj"],
    "uk",
  );
  includesAll(all("Юлія Тимошенко"), ["yuliya tymoshenko", "yuliia tymoshenko"], "uk passport");
  assert.equal(all("Аляксандр Лукашэнка")[0], "alyaksandr lukashenka");
  includesAll(all("Първанов"), ["parvanov"], "bg");
  assert.equal(all("Ђорђе Вучић")[0], "djordje vucic");
  assert.equal(all("Нұрсұлтан Назарбаев")[0], "nursultan nazarbayev");
});

test("Greek: ELOT 743 first, then the phonetic and classical spellings", () => {
  assert.deepEqual(all("Νικόλαος"), ["nikolaos"]);
  assert.deepEqual(all("Παπαδημητρίου"), ["papadimitriou", "papademetriou"]);
  assert.deepEqual(all("Ευάγγελος"), ["evangelos", "euangelos"]);
  includesAll(all("Χριστόδουλος"), ["christodoulos", "khristodoulos"], "χ");
  assert.equal(all("Μπακογιάννη")[0], "bakogianni");
  assert.equal(all("Αυτοκράτωρ")[0], "aftokrator");
  includesAll(all("Βασίλειος"), ["vasileios", "vasilios", "basileios"], "β, ει");
  // A diaeresis breaks the diphthong.
  assert.equal(all("Ευϊα")[0], "evia");
});

test("Hebrew: name table, pointed text, and several readings of unpointed words", () => {
  assert.deepEqual(all("משה"), ["moshe"]);
  assert.deepEqual(all("דוד"), ["david"]);
  assert.deepEqual(all("מֹשֶׁה דָּיָּן"), ["moshe dayan"]);
  includesAll(all("נֹחַ"), ["noach", "noakh"], "furtive patah");
  const company = latinReadings("צפרירים קירור ומיזוג בע״מ", { max: 4 });
  assert.equal(company.length, 4);
  for (const r of company) assert.match(r, /^\S+ (kiror|kirur|qirur) umiz[ou]g (ltd|bm)$/);
  includesAll(all("קשת בענן"), ["keshet beenen", "kashat baanan"], "filler vowels");
  includesAll(all("עוגן הזהב"), ["ogan hazahav", "ugen hazehev", "ugan ha zahv"], "article joined and split");
  assert.equal(all("הים")[0], "hayam");
  assert.deepEqual(all("מ.ח.ק.").slice(0, 3), ["m kh k", "m ch k", "m h q"]);
  assert.equal(all("ג׳ורג׳")[0]?.startsWith("j"), true);
});

test("Hebrew without points: each word's vowels are guessed apart, so readings also mix the guesses", () => {
  const readings = latinReadings("קשת בענן");
  // The usual spelling of each word is in another column (keshet: column 2, baanan: column 1).
  assert.ok(readings.includes("keshet baanan"), JSON.stringify(readings));
  assert.ok(readings.length <= 8);
  assert.equal(latinReadings("קשת בענן", { max: 4 }).length, 4);
});

test("Hebrew company words are read translated and transliterated, with a leading ו as 'and'", () => {
  const readings = latinReadings("ברזילי תעשיות מתכת בע״מ");
  assert.ok(
    readings.some((r) => r.endsWith("industries metal ltd")),
    JSON.stringify(readings),
  );
  assert.ok(
    readings.some((r) => r.includes("taasiyot")),
    "the transliteration is kept",
  );
  assert.ok(latinReadings('אלמקייס סחר ושיווק בע"מ').some((r) => r.includes("trading and marketing")));
});

test("Arabic: table names, the article, abd compounds and theophoric suffixes", () => {
  assert.deepEqual(latinReadings("محمد علي"), [
    "muhammad ali",
    "mohammed ali",
    "mohamed ali",
    "mohammad ali",
  ]);
  assert.deepEqual(latinReadings("عبد الله"), ["abdullah", "abdallah", "abd allah", "abdellah"]);
  assert.deepEqual(latinReadings("عبدالله"), latinReadings("عبد الله"));
  assert.deepEqual(latinReadings("علي حسن المجيد التكريتي"), [
    "ali hassan al majid al tikriti",
    "ali hasan el majid el tikriti",
    "ali hasan al majid at tikriti",
    "ali hasan almajid altikriti",
  ]);
  includesAll(all("عبدالرحمن"), ["abdul rahman", "abd al rahman", "abderrahmane"], "abd al-");
  includesAll(all("عبد العزيز"), ["abdul aziz", "abdelaziz"], "abd al- table");
  includesAll(all("عبد الرؤوف"), ["abdul rauf"], "hamza folded");
  includesAll(all("نجیب الله حقانی"), ["najibullah haqqani", "najeeb allah haqqani"], "-ullah");
  includesAll(all("صلاح الدين"), ["salah al din", "salahuddin", "salah eddine"], "-uddin");
  includesAll(all("أبو بكر البغدادي"), ["abu bakr al baghdadi"], "abu");
  includesAll(all("بن"), ["bin", "ben", "ibn"], "bin");
  includesAll(all("والجهاد"), ["wal jihad", "wa al jihad"], "wa- + al-");
});

test("Arabic script folding: harakat, tatweel, presentation forms, hamza seats, Persian letters", () => {
  const muhammad = latinReadings("محمد");
  assert.deepEqual(latinReadings("مُحَمَّد"), muhammad);
  assert.deepEqual(latinReadings("محـمد"), muhammad);
  assert.deepEqual(latinReadings("ﻤﺣﻤﺩ"), muhammad);
  assert.deepEqual(latinReadings("أحمد"), latinReadings("احمد"));
  assert.deepEqual(latinReadings("علی"), latinReadings("علي"));
  // Persian writes compound names joined, with or without a zero-width non-joiner.
  includesAll(all("محمدرضا"), ["muhammad rida", "mohammed reza"], "joined");
  assert.deepEqual(latinReadings("نجیب\u200Cالله"), latinReadings("نجیبالله"));
  assert.deepEqual(latinReadings("١٢٣"), ["123"]);
});

test("Arabic letter fallback gives English, Maghreb and Persian spellings", () => {
  includesAll(all("بلكلام"), ["balklam", "belklam", "balkalam"], "Arabic fallback");
  includesAll(all("شرشال"), ["sharshal", "cherchal"], "French ch");
  assert.equal(all("ځدران")[1], "zadran");
  assert.equal(all("پاکستان")[0], "pakstan");
  // Written short vowels are used when present.
  assert.equal(all("بَلْكَلام")[0], "balkalam");
});

test("Hangul: DPRK, South Korean, Revised and McCune–Reischauer readings with usual surnames", () => {
  assert.deepEqual(latinReadings("김정은"), ["kim jong un", "kim jung eun", "gim jeong eun", "kim chong un"]);
  includesAll(all("김정은"), ["kim jongun"], "joined given name");
  includesAll(all("박지성"), ["park ji sung", "pak ji song", "bak ji seong"], "Park");
  includesAll(all("이민호"), ["lee min ho", "yi min ho"], "Lee");
  assert.equal(all("리용호")[0], "ri yong ho");
  assert.equal(all("최룡해")[0], "choe ryong hae");
  includesAll(all("최룡해"), ["choi ryong hae"], "Choi");
  assert.deepEqual(all("김 정은").slice(0, 2), ["kim jong un", "kim jung eun"]);
  // Not a name: joined words first.
  assert.equal(all("조선광업개발무역회사")[0], "josonkwangopkaepalmuyokhoesa");
});

test("Han: pinyin syllables, joined given name, Wade–Giles", () => {
  assert.deepEqual(latinReadings("习近平").slice(0, 3), ["xi jin ping", "xi jinping", "hsi chin ping"]);
  assert.deepEqual(latinReadings("习近平", { max: 5 })[4], "hsi chinping");
  assert.deepEqual(latinReadings("金铁三").slice(0, 3), ["jin tie san", "jin tiesan", "chin tieh san"]);
  assert.deepEqual(latinReadings("王伟"), ["wang wei", "wang wi"]);
  // The family name reading wins over the common one (曾 zeng, not ceng).
  assert.equal(latinReadings("曾庆红")[0], "zeng qing hong");
  assert.equal(latinReadings("欧阳修")[1], "ouyang xiu");
  assert.equal(latinReadings("朝鲜联合机械贸易会社")[0], "chao xian lian he ji xie mao yi hui she");
});

test("Japanese kana: passport Hepburn, kana by kana, and oh", () => {
  assert.deepEqual(latinReadings("サトウ"), ["sato", "satou", "satoh"]);
  assert.deepEqual(latinReadings("とうきょう").slice(0, 2), ["tokyo", "toukyou"]);
  assert.deepEqual(latinReadings("しんばし"), ["shimbashi", "shinbashi"]);
  assert.equal(latinReadings("やまだ たろう")[0], "yamada taro");
  assert.equal(latinReadings("きっちょう")[0], "kitcho");
  assert.equal(latinReadings("ヴラジーミル・プーチン")[0], "vurajimiru puchin");
});

test("Burmese: syllables with medials and killed finals, plain and spelled-out readings, whole words", () => {
  // Personal names are written syllable by syllable in Latin, places and brands joined.
  includesAll(all("ကျော်ဇော်ထွန်း"), ["kyaw zaw htun", "kyawzawhtun"], "Kyaw Zaw Htun");
  includesAll(all("ရွှေပြည်သာ"), ["shwe pyi tha", "shway pyae thar", "shwaypyaethar"], "ha-htoe and medials");
  includesAll(all("ငြိမ်းချမ်းအောင်"), ["nyein chan aung"], "Nyein Chan Aung");
  includesAll(all("မင်္ဂလာ"), ["min ga la", "min ga lar"], "kinzi");
  includesAll(all("သစ္စာဝင်း"), ["thit sa win", "thit sar win"], "stacked consonant");
  includesAll(all("လှိုင်သာယာ"), ["hlaingtharyar"], "joined");
  // Digits stay one number; company words and loanwords are read whole.
  includesAll(all("ရွှေနဒီ ၁၀"), ["shwe na di 10"], "digits");
  includesAll(all("ဖြိုးသီရိ ကုမ္ပဏီလီမိတက်"), ["phyo thi yi company limited"], "legal form");
  includesAll(all("ဟိန်းမြတ် ကုန်သွယ်ရေးကုမ္ပဏီလီမိတက်"), ["hein myat trading company limited"], "glued words");
});

test("Thai: the Royal Thai General System with silent letters dropped, then any-ascii", () => {
  assert.deepEqual(latinReadings("สมชาย"), ["somchai", "smchay"]);
  assert.equal(latinReadings("ประยุทธ์")[0], "prayuth");
  includesAll(all("ทักษิณ ชินวัตร"), ["thaksin chinwatr"], "any-ascii kept");
});

test("Han company names also read their generic words in English, the rest in pinyin joined per run", () => {
  includesAll(latinReadings("沧澜远洋航运有限公司"), ["canglan ocean shipping co ltd"], "co ltd");
  includesAll(
    latinReadings("雾山精密机械股份有限公司"),
    ["wushan precision machinery co ltd"],
    "joint stock",
  );
  // A person's name has no such words and keeps its person readings.
  assert.equal(latinReadings("习近平")[1], "xi jinping");
});

test("Han person names also read the Korean way, as Korean names are written in Hanja", () => {
  includesAll(latinReadings("金正恩"), ["jin zheng en", "chin cheng en", "kim jong un"], "金正恩");
  includesAll(latinReadings("朴槿惠", { max: 8 }), ["pak kun hye", "park geun hye"], "朴槿惠");
  assert.equal(latinReadings("习近平")[0], "xi jin ping");
});

test("Han names that split into a known Japanese family and given name also read the Japanese way", () => {
  includesAll(latinReadings("山田太郎"), ["shan tian tai lang", "yamada taro"], "山田太郎");
  includesAll(latinReadings("安倍晋三"), ["abe shinzo"], "安倍晋三");
  includesAll(latinReadings("佐々木健一"), ["sasaki kenichi"], "three-character family name");
  // Not every Han name: a family name alone is not enough.
  assert.ok(!latinReadings("山田伟", { max: 8 }).some((r) => r.startsWith("yamada")));
});

test("other scripts fall back to any-ascii", () => {
  assert.deepEqual(latinReadings("Հայաստան"), ["hayastan"]);
  assert.deepEqual(latinReadings("საქართველო"), ["sakartvelo"]);
  assert.equal(latinReadings("नरेन्द्र मोदी").length, 1);
});

test("mixed-script names transliterate each run and keep the Latin", () => {
  assert.deepEqual(latinReadings("Sberbank (Сбербанк)"), ["sberbank sberbank"]);
  assert.equal(latinReadings("Jin Tiesan (金铁三)")[0], "jin tiesan jin tie san");
  assert.equal(latinReadings("OOO «Ромашка»")[0], "ooo romashka");
});

test("learnReadings pairs words with the list's own Latin spellings", () => {
  const learned = learnReadings([
    { original: "محمد الصغير", latin: "MOHAMED EL-SEGHIR" },
    { original: "محمد علي", latin: "MOHAMED ALI" },
    { original: "محمد علي", latin: "MUHAMMAD ALI" },
    { original: "عبد الرحمن ياسين", latin: "ABDUL RAHMAN YASIN" },
    { original: "Сергей Иванов", latin: "SERGUEI IVANOV" },
    // Not a transliteration of each other: nothing is learned from it.
    { original: "سيف العدل", latin: "MOHAMMED SALAHALDIN ZIDANE" },
    // Latin only: ignored.
    { original: "John Smith", latin: "JOHN SMITH" },
  ]);
  assert.deepEqual(learned.units.get("محمد"), ["mohamed", "muhammad"]);
  assert.deepEqual(learned.units.get("الصغير"), ["el seghir"]);
  assert.deepEqual(learned.units.get("عبد الرحمن"), ["abdul rahman"]);
  assert.deepEqual(learned.units.get("сергей"), ["serguei"]);
  assert.equal(learned.units.get("سيف"), undefined);
  assert.deepEqual(learned.names.get(normalizeName("محمد علي")), ["mohamed ali", "muhammad ali"]);

  // Learned spellings come first; the conventions follow.
  const readings = latinReadings("محمد الصغير", { learned });
  assert.equal(readings[0], "mohamed el seghir");
  assert.ok(readings.includes("muhammad al saghir"), JSON.stringify(readings));
  assert.equal(latinReadings("محمد حسن", { learned })[0], "mohamed hassan");
  assert.equal(latinReadings("Сергей Петров", { learned })[0], "serguei petrov");
  assert.equal(latinReadings("Сергей Петров")[0], "sergey petrov");
  // A whole name seen on the list comes back as the list wrote it.
  assert.equal(latinReadings("محمد علي", { learned })[0], "mohamed ali");
  // Latin input is never changed by learning.
  assert.deepEqual(latinReadings("Mohamed Ali", { learned }), ["mohamed ali"]);
});

test("Han numerals after 第 are ordinals and read as numbers; elsewhere a numeral character is a name's", () => {
  assert.equal(hanNumber("八"), 8);
  assert.equal(hanNumber("十八"), 18);
  assert.equal(hanNumber("二十一"), 21);
  assert.equal(hanNumber("百"), 100);
  assert.equal(hanNumber("一〇五"), 105);
  assert.equal(hanNumber("十一〇"), undefined);
  assert.ok(latinReadings("第十八明星丸").every((r) => r.startsWith("18 ")));
  assert.ok(latinReadings("第八明星丸").every((r) => r.startsWith("8 ")));
  // 八雲 (Yakumo, "eight clouds") is a name, not a number.
  assert.ok(latinReadings("八雲").every((r) => !/\d/.test(r)));
});
