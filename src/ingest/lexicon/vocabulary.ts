// The words the rules read: titles of office, the verb table for statements, event verbs, document
// kinds by their titles, topics, organisations and projects. Data, so a reviewer can read why a
// record was drafted the way it was ("kind willingness: 愿").
import type {
  DocumentAction,
  DocumentKind,
  OrganizationRecord,
  StatementKind,
  TopicRecord,
} from "../draft.ts";

/** Titles of office, longest first within a group; combined with 兼 and 、 (国务委员兼外长). */
export const officeTitles: { zh: string; en: string }[] = [
  {
    zh: "中共中央政治局常委",
    en: "Member of the Standing Committee of the Political Bureau of the CPC Central Committee",
  },
  { zh: "中共中央政治局委员", en: "Member of the Political Bureau of the CPC Central Committee" },
  { zh: "中共中央总书记", en: "General Secretary of the CPC Central Committee" },
  {
    zh: "中央外事工作委员会办公室主任",
    en: "Director of the Office of the Central Foreign Affairs Commission",
  },
  { zh: "全国人大常委会委员长", en: "Chairman of the NPC Standing Committee" },
  { zh: "国家主席", en: "President" },
  { zh: "国务院总理", en: "Premier" },
  { zh: "国务委员", en: "State Councilor" },
  { zh: "第一副总理", en: "First Deputy Prime Minister" },
  { zh: "副总理", en: "Deputy Prime Minister" },
  { zh: "总理", en: "Prime Minister" },
  { zh: "副总统", en: "Vice President" },
  { zh: "总统", en: "President" },
  { zh: "首相", en: "Prime Minister" },
  { zh: "外交部副部长", en: "Vice Minister of Foreign Affairs" },
  { zh: "外交部部长", en: "Minister of Foreign Affairs" },
  { zh: "外交部长", en: "Minister of Foreign Affairs" },
  { zh: "外交与国际合作部长", en: "Minister of Foreign Affairs and International Cooperation" },
  { zh: "第一副外长", en: "First Deputy Minister of Foreign Affairs" },
  { zh: "副外长", en: "Deputy Minister of Foreign Affairs" },
  { zh: "代外长", en: "Acting Minister of Foreign Affairs" },
  { zh: "外长", en: "Minister of Foreign Affairs" },
  { zh: "大使", en: "Ambassador" },
  { zh: "议长", en: "Speaker" },
  { zh: "国王", en: "King" },
];

/** Chinese leaders reports name without a title (王毅参加上述活动), with their English names. */
export const knownLeaders: { zh: string; en: string }[] = [
  { zh: "习近平", en: "Xi Jinping" },
  { zh: "李强", en: "Li Qiang" },
  { zh: "赵乐际", en: "Zhao Leji" },
  { zh: "王沪宁", en: "Wang Huning" },
  { zh: "蔡奇", en: "Cai Qi" },
  { zh: "丁薛祥", en: "Ding Xuexiang" },
  { zh: "李希", en: "Li Xi" },
  { zh: "韩正", en: "Han Zheng" },
  { zh: "王毅", en: "Wang Yi" },
  { zh: "秦刚", en: "Qin Gang" },
  { zh: "李克强", en: "Li Keqiang" },
  { zh: "杨洁篪", en: "Yang Jiechi" },
];

/** Titles that name a Chinese office: a person with only these titles is Chinese. */
export const chineseOnlyTitles = new Set([
  "中共中央政治局常委",
  "中共中央政治局委员",
  "中共中央总书记",
  "中央外事工作委员会办公室主任",
  "全国人大常委会委员长",
  "国家主席",
  "国务院总理",
  "国务委员",
]);

/**
 * The verb table (seeds' documentation): the kind of a statement is that of the first of these
 * words in what was said (the earliest; at the same place, the one listed first). A principle
 * restated at the start (恪守, 奉行) is a position whatever follows.
 */
export const kindRules: { kind: StatementKind; words: RegExp; why: string; atStart?: boolean }[] = [
  {
    kind: "position",
    words: /^(?:坚定|始终)?(?:恪守|奉行|坚持)/,
    why: "恪守/奉行: a principle restated",
    atStart: true,
  },
  {
    kind: "agreement",
    words: /一致同意|一致认为|同意|商定|决定|达成.{0,4}共识|宣布/,
    why: "双方同意: both sides agree",
  },
  { kind: "willingness", words: /愿意|愿(?!望)|乐意/, why: "愿: is ready to" },
  {
    kind: "support",
    words:
      /(?:(?:高度)?赞赏(?:并|和))?(?:将(?:一如既往|继续)?)?(?:坚定|全力|积极)?(?<!相互|互相|彼此)支持/,
    why: "支持: supports",
  },
  { kind: "opposition", words: /反对/, why: "反对: opposes" },
  { kind: "request", words: /希望|期待|期望|呼吁|敦促/, why: "希望/期待: hopes or asks" },
  {
    kind: "commitment",
    words: /承诺|决心|保证|(?<![即这则])将(?![其为])/,
    why: "将/承诺: undertakes",
  },
  {
    kind: "assessment",
    words: /高度评价|积极评价|高度赞赏|赞赏|祝贺/,
    why: "评价/赞赏: an assessment",
  },
];

/** Verbs that report speech, after the speaker: 王毅表示, 吉方还希望, 双方一致同意. */
export const reportingVerbs = [
  "一致认为",
  "一致同意",
  "一致表示",
  "高度评价",
  "高度赞赏",
  "表示",
  "强调",
  "指出",
  "重申",
  "认为",
  "希望",
  "期待",
  "愿意",
  "愿",
  "支持",
  "反对",
  "同意",
  "商定",
  "赞赏",
  "欢迎",
  "承诺",
  "表达",
  "主张",
  "呼吁",
  "提出",
  "宣布",
  "说",
  "称",
];

/** Adverbs that may stand between a speaker and the verb. */
export const speakerAdverbs =
  "还|也|则|又|均|都|再次|进一步|同时|一致|坚定|完全|特别|积极|对此|就此|随后|最后|首先|此外|并";

/** The event type a verb gives, with the type record to draft when the store lacks it. */
export type EventVerb = { type: string; words: RegExp; en: string; zh: string; cameo: string };

/** Event verbs and the event type each gives; the first that matches a clause wins. */
export const eventVerbs: EventVerb[] = [
  {
    type: "strategic_dialogue",
    words: /战略对话/,
    en: "Strategic dialogue",
    zh: "战略对话",
    cameo: "040",
  },
  { type: "phone_call", words: /通电话|通话/, en: "Telephone call", zh: "通电话", cameo: "041" },
  { type: "talks", words: /会谈/, en: "Talks", zh: "会谈", cameo: "046" },
  { type: "meeting", words: /会见|会晤|见面/, en: "Meeting", zh: "会见", cameo: "040" },
  { type: "visit", words: /(?<!互)访问|到访/, en: "Visit", zh: "访问", cameo: "042" },
  { type: "summit", words: /出席.{0,20}峰会/, en: "Summit", zh: "峰会", cameo: "044" },
];

/** A document's kind by the end of its title. */
export const documentKindsByTitle: { kind: DocumentKind; words: RegExp }[] = [
  { kind: "joint_press_release", words: /新闻公报$|联合新闻声明$/ },
  { kind: "joint_communique", words: /公报$/ },
  { kind: "joint_statement", words: /联合声明$|共同声明$|声明$/ },
  { kind: "declaration", words: /宣言$/ },
  { kind: "mou", words: /备忘录$/ },
  { kind: "cooperation_programme", words: /纲要$|合作计划$|合作方案$/ },
  { kind: "plan", words: /规划$|计划$|行动计划$|路线图$/ },
  { kind: "treaty", words: /条约$/ },
  { kind: "agreement", words: /协定$|协议$|公约$/ },
];

/** The verb before a document's title gives what was done with it. */
export const documentActions: { action: DocumentAction; words: RegExp }[] = [
  { action: "signed", words: /签署|签订|签字|草签/ },
  { action: "issued", words: /发表|发布|共同发表/ },
  { action: "adopted", words: /通过|批准/ },
  { action: "announced", words: /宣布/ },
];

export type TopicEntry = TopicRecord & { words: RegExp };

/** Topics by their words; records drafted from here when the store lacks them. */
export const topicLexicon: TopicEntry[] = [
  {
    key: "three_evils",
    kind: "issue",
    name: { en: 'Terrorism, separatism and extremism (the "three evils")', zh: "“三股势力”" },
    words: /三股势力/,
  },
  {
    key: "security",
    kind: "cooperation_area",
    name: { en: "Security cooperation", zh: "安全合作" },
    words: /安全|反恐|恐怖主义|极端主义|禁毒|跨国犯罪|三股势力|执法/,
  },
  {
    key: "aviation",
    kind: "cooperation_area",
    name: { en: "Civil aviation", zh: "民航" },
    words: /民航|航空|航线/,
  },
  {
    key: "logistics",
    kind: "cooperation_area",
    name: { en: "Logistics", zh: "物流" },
    words: /物流/,
  },
  {
    key: "border_ports",
    kind: "cooperation_area",
    name: { en: "Border ports", zh: "口岸" },
    words: /口岸/,
  },
  {
    key: "connectivity",
    kind: "cooperation_area",
    name: { en: "Connectivity", zh: "互联互通" },
    words: /互联互通|铁路|公路|交通|运输|中欧班列|通道|通车/,
  },
  {
    key: "trade_investment",
    kind: "cooperation_area",
    name: { en: "Trade and investment", zh: "贸易投资" },
    words: /贸易|投资|经贸|进口|出口|企业|工业园|产能/,
  },
  {
    key: "agriculture",
    kind: "cooperation_area",
    name: { en: "Agriculture", zh: "农业" },
    words: /农业|农牧业|农产品|粮食|农业技术/,
  },
  {
    key: "mining",
    kind: "cooperation_area",
    name: { en: "Mining", zh: "矿业" },
    words: /矿业|矿产|矿能|冶金/,
  },
  {
    key: "energy",
    kind: "cooperation_area",
    name: { en: "Energy", zh: "能源" },
    words: /能源|油气|核能|电力|光伏|风电|天然气/,
  },
  { key: "finance", kind: "cooperation_area", name: { en: "Finance", zh: "金融" }, words: /金融/ },
  {
    key: "digital_economy",
    kind: "cooperation_area",
    name: { en: "Digital economy and technology", zh: "数字经济与科技" },
    words: /数字经济|数字化|人工智能|信息通信|高新技术|北斗/,
  },
  {
    key: "green_development",
    kind: "cooperation_area",
    name: { en: "Green development", zh: "绿色发展" },
    words: /绿色|荒漠化|环保|气候变化/,
  },
  {
    key: "public_health",
    kind: "cooperation_area",
    name: { en: "Public health", zh: "卫生健康" },
    words: /疫情|抗疫|卫生|医疗/,
  },
  {
    key: "people_to_people",
    kind: "cooperation_area",
    name: { en: "People-to-people exchanges", zh: "人文交流" },
    words: /人文|人员往来|文化|教育|旅游|青年|民心|友好城市|省州市|培训/,
  },
  {
    key: "multilateral_coordination",
    kind: "cooperation_area",
    name: { en: "Multilateral coordination", zh: "多边协调" },
    words:
      /联合国|多边|国际事务|地区事务|国际和地区|上海合作组织|上合组织|中国—中亚机制|中非合作论坛|全球治理/,
  },
  {
    key: "high_level_exchanges",
    kind: "cooperation_area",
    name: { en: "High-level exchanges", zh: "高层交往" },
    words: /高层往来|高层交往|高层互动|元首外交|两国元首.{0,4}会晤|互访/,
  },
  {
    key: "one_china",
    kind: "issue",
    name: { en: "One-China principle", zh: "一个中国原则" },
    words: /一个中国|台湾/,
  },
  {
    key: "xinjiang_tibet_hong_kong",
    kind: "issue",
    name: { en: "Xinjiang, Tibet and Hong Kong", zh: "涉疆、涉藏、涉港问题" },
    words: /涉疆|涉藏|涉港/,
  },
  {
    key: "core_interests",
    kind: "issue",
    name: { en: "Core interests", zh: "核心利益" },
    words: /核心利益|重大关切/,
  },
  {
    key: "sovereignty",
    kind: "issue",
    name: { en: "Sovereignty, independence and territorial integrity", zh: "主权、独立和领土完整" },
    words: /主权|领土完整|国家独立/,
  },
  {
    key: "development_path",
    kind: "issue",
    name: { en: "Choice of development path", zh: "发展道路" },
    words: /发展道路/,
  },
  {
    key: "non_interference",
    kind: "issue",
    name: { en: "Non-interference in internal affairs", zh: "不干涉内政" },
    words: /内政|干涉/,
  },
  {
    key: "sco_chairmanship",
    kind: "issue",
    name: { en: "SCO chairmanship", zh: "上海合作组织轮值主席国" },
    words: /上海合作组织.{0,6}轮值主席国|上合组织.{0,6}轮值主席国/,
  },
  {
    key: "iomed_membership",
    kind: "issue",
    name: {
      en: "Membership of the International Organization for Mediation",
      zh: "加入国际调解院",
    },
    words: /国际调解院/,
  },
  {
    key: "community_shared_future",
    kind: "issue",
    name: { en: "Community with a shared future", zh: "命运共同体" },
    words: /命运共同体/,
  },
  {
    key: "business_environment",
    kind: "issue",
    name: { en: "Business environment for investors", zh: "营商环境" },
    words: /营商环境/,
  },
  {
    key: "global_initiatives",
    kind: "initiative",
    name: { en: "The four global initiatives", zh: "四大全球倡议" },
    words: /全球倡议|全球发展倡议|全球安全倡议|全球文明倡议|全球治理倡议/,
  },
  {
    key: "belt_and_road",
    kind: "initiative",
    name: { en: "Belt and Road Initiative", zh: "“一带一路”倡议" },
    words: /一带一路/,
  },
  {
    key: "bilateral_relations",
    kind: "issue",
    name: { en: "Bilateral relations", zh: "双边关系" },
    words: /两国关系|双边关系|伙伴关系|政治互信|战略互信|友好关系|友谊|友好/,
  },
];

export type OrganizationEntry = OrganizationRecord & { words: RegExp };

export const organizationLexicon: OrganizationEntry[] = [
  {
    key: "sco",
    kind: "intergovernmental",
    scope: "regional",
    abbreviation: "SCO",
    name: { en: "Shanghai Cooperation Organisation", zh: "上海合作组织" },
    words: /上海合作组织|上合组织/,
  },
  {
    key: "un",
    kind: "international",
    scope: "multilateral",
    name: { en: "United Nations", zh: "联合国" },
    words: /联合国/,
  },
  {
    key: "china-central-asia-mechanism",
    kind: "mechanism",
    scope: "regional",
    name: { en: "China–Central Asia mechanism", zh: "中国—中亚机制" },
    words: /中国—中亚机制|中国-中亚机制/,
  },
  {
    key: "iomed",
    kind: "intergovernmental",
    scope: "multilateral",
    abbreviation: "IOMed",
    name: { en: "International Organization for Mediation", zh: "国际调解院" },
    words: /国际调解院/,
  },
  {
    key: "focac",
    kind: "mechanism",
    scope: "regional",
    abbreviation: "FOCAC",
    name: { en: "Forum on China–Africa Cooperation", zh: "中非合作论坛" },
    words: /中非合作论坛/,
  },
  {
    key: "brics",
    kind: "mechanism",
    scope: "multilateral",
    abbreviation: "BRICS",
    name: { en: "BRICS", zh: "金砖国家" },
    words: /金砖/,
  },
  {
    key: "asean",
    kind: "intergovernmental",
    scope: "regional",
    abbreviation: "ASEAN",
    name: { en: "Association of Southeast Asian Nations", zh: "东盟" },
    words: /东盟/,
  },
];

export type ProjectEntry = {
  key: string;
  name: { en: string; zh: string };
  countries: string[];
  topics: string[];
  words: RegExp;
};

export const projectLexicon: ProjectEntry[] = [
  {
    key: "china-kyrgyzstan-uzbekistan-railway",
    name: { en: "China–Kyrgyzstan–Uzbekistan railway", zh: "中吉乌铁路" },
    countries: ["CN", "KG", "UZ"],
    topics: ["connectivity"],
    words: /中吉乌铁路/,
  },
  {
    key: "china-europe-railway-express",
    name: { en: "China–Europe Railway Express", zh: "中欧班列" },
    countries: ["CN"],
    topics: ["connectivity", "logistics"],
    words: /中欧班列/,
  },
  {
    key: "tazara-railway",
    name: { en: "Tanzania–Zambia Railway", zh: "坦赞铁路" },
    countries: ["CN", "TZ", "ZM"],
    topics: ["connectivity"],
    words: /坦赞铁路/,
  },
  {
    key: "china-central-asia-gas-pipeline",
    name: { en: "China–Central Asia gas pipeline", zh: "中国—中亚天然气管道" },
    countries: ["CN"],
    topics: ["energy"],
    words: /中国—中亚天然气管道|中国-中亚天然气管道/,
  },
];

/** Publications by their Chinese names, for the source record's English name and its key. */
export const publications: { zh: RegExp; en: string; key: string }[] = [
  { zh: /人民日报/, en: "People's Daily", key: "peoples-daily" },
  { zh: /新华社|新华网/, en: "Xinhua News Agency", key: "xinhua" },
  {
    zh: /外交部/,
    en: "Ministry of Foreign Affairs of the People's Republic of China",
    key: "mfa-cn",
  },
  { zh: /中新社|中国新闻网|中新网/, en: "China News Service", key: "cns" },
  { zh: /央视|新闻联播|中央广播电视总台/, en: "China Central Television", key: "cctv" },
  { zh: /参考消息/, en: "Reference News", key: "cankao-xiaoxi" },
  { zh: /光明日报/, en: "Guangming Daily", key: "guangming-daily" },
  { zh: /环球时报/, en: "Global Times", key: "global-times" },
];
