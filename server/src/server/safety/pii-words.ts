/*
 * Word lists for the PII detector (pii.ts). General vocabulary only: street-type words of the
 * languages whose addresses support teams see, honorifics, cue words, and ordinary words that look
 * like names when capitalised. No names or addresses of real people.
 */

const set = (words: string) => new Set(words.trim().split(/\s+/));

/** Honorifics and titles written before a name (lower case, without the final dot). */
export const HONORIFICS = set(`
  mr mrs ms miss mx dr prof sir dame madam madame mme mlle mister herr frau sr sra srta dott dra
  rev fr lord lady capt sgt lt col gen
`);

/** Generational and professional suffixes written after a name. */
export const NAME_SUFFIXES = set("jr sr ii iii iv md phd dds esq cpa rn");

/** Lower-case particles inside names (van Gijn, da Silva, de la Cruz). */
export const NAME_PARTICLES = set(
  "van von der den de del della di da do dos das du la le ten ter bin ibn al el y",
);

/*
 * Street types written AFTER the street name, as a separate word (English, following the USPS list
 * of street suffixes, plus the abbreviations people type). Matched case-insensitively, with or
 * without a final dot.
 */
export const STREET_SUFFIXES = set(`
  street st str road rd avenue ave av boulevard blvd lane ln drive dr court ct place pl square sq
  terrace ter terr crescent cres close way highway hwy parkway pkwy circle cir trail trl alley aly
  bypass causeway cswy center ctr club common commons corner crossing crossroad curve cove coves
  creek crest dale dam divide estate estates expressway expy extension ext falls ferry field fields
  flat flats ford forest forge fork forks fort freeway fwy garden gardens gateway glen green greens
  grove harbor harbour haven heights hts hill hills hollow inlet island islands isle junction jct
  key keys knoll lake lakes landing lodge loop mall manor meadow meadows mews mill mills mission
  motorway mount mountain neck orchard oval overpass park parks pass path pike pines plain plains
  plaza point points port ports prairie radial ramp ranch rapid rapids ridge river route row run
  shoal shore shores skyway spring springs spur station stravenue stream summit throughway trace
  track trafficway tunnel turnpike tpke underpass union valley viaduct view views village villas
  vista walk wall wells wharf wynd gate gates parade promenade esplanade quay rise grange bridge
  bridges branch brook brooks burg bluff bluffs bottom camp canyon cape cliff cliffs corners glens
  groves harbors light lights lock locks pine ridges streets ways trails roads lanes drives courts
  squares gardens
`);

/*
 * The street types that are unambiguous enough to mark an address even without a house number
 * ("Baker Street", "Herceg Gateway St.").
 */
export const STRONG_STREET_SUFFIXES = set("street st road rd avenue ave boulevard blvd lane ln");

/*
 * Street types written BEFORE the name (Romance, Slavic, Greek and other languages): Rua Augusta 12,
 * Via Roma 5, ul. Polna 3, Calle Mayor 1. Matched case-insensitively.
 */
export const STREET_PREFIXES = set(`
  rua rúa rue via viale vicolo piazza piazzetta piazzale largo corso strada avenida avda avd av
  avenue boulevard bd calle c/ carrer camino cami paseo passeig plaza praça praca travessa estrada
  alameda rodovia chemin allée allee impasse quai cours route ul ulica al aleja os trg ulice
  cesta bulevar bulevardul strada splaiul calea sokak sokağı caddesi leoforos odos λεωφόρος οδός
  πλατεία ulitsa prospekt pr prospect
`);

/*
 * Street-type words written after the name as a separate word in other languages (Erzsébet tér 19.,
 * Király u. 15., Trenerys gate 232, Koepenicker Str. 74).
 */
export const FOREIGN_STREET_SUFFIXES = set(`
  u utca út útja tér körút köz sor fasor gate gata gatan vei veien vegen veg vej vejen gade gaden
  vænget stræde allé plads torg torget terrasse str straße strasse weg gasse platz allee ring damm
  ufer laan straat steeg plein kade katu tie kuja tori vegur stræti ulice náměstí třída cesta
  iela gatvė tänav
`);

/*
 * Street-type endings of compound street names (Nordic, Germanic, Dutch, Finnish, Icelandic, ...):
 * Søndergade, Kiannonkatu, Wingertweg, Parijsstraat, Hlíðarvegur. A word ending like this and
 * followed by a house number is a street.
 */
export const COMPOUND_STREET_ENDINGS = [
  "straße",
  "strasse",
  "gasse",
  "weg",
  "allee",
  "platz",
  "damm",
  "steig",
  "ufer",
  "gracht",
  "straat",
  "laan",
  "plein",
  "kade",
  "dreef",
  "singel",
  "hove",
  "vej",
  "vænget",
  "gade",
  "stræde",
  "gata",
  "gatan",
  "vägen",
  "väg",
  "gränd",
  "stigen",
  "veien",
  "vegen",
  "vei",
  "katu",
  "tie",
  "kuja",
  "polku",
  "raitti",
  "braut",
  "vegur",
  "stígur",
  "stræti",
  "utca",
  "ulice",
  "ulica",
  "iela",
  "gatvė",
];

/** Words that introduce an apartment, suite or other unit inside a building. */
export const UNIT_WORDS = set("apt apartment suite ste unit flat room rm floor fl bldg building");

/** Country names (English and a few native forms), lower case, for the last line of an address. */
export const COUNTRIES = set(
  `
  afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas
  bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil
  brunei bulgaria burundi cambodia cameroon canada chad chile china colombia congo croatia cuba
  cyprus czechia denmark djibouti dominica ecuador egypt eritrea estonia eswatini ethiopia fiji
  finland france gabon gambia georgia germany ghana greece greenland grenada guatemala guinea
  guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica
  japan jordan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho
  liberia libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta
  mauritania mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique
  myanmar namibia nauru nepal netherlands nicaragua niger nigeria norway oman pakistan palau
  panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa senegal serbia
  seychelles singapore slovakia slovenia somalia spain sudan suriname sweden switzerland syria
  taiwan tajikistan tanzania thailand togo tonga tunisia turkey turkmenistan tuvalu uganda ukraine
  uruguay uzbekistan vanuatu venezuela vietnam yemen zambia zimbabwe usa uk deutschland españa
  italia sverige norge danmark suomi éire österreich schweiz suisse svizzera polska česko
  magyarország hellas ελλάδα κύπρος ísland brasil méxico nederland belgië belgique greenlander
`,
);

/** Country names of more than one word, lower case. */
export const MULTI_WORD_COUNTRIES = [
  "united states",
  "united states of america",
  "united kingdom",
  "great britain",
  "new zealand",
  "south africa",
  "czech republic",
  "south korea",
  "north korea",
  "north macedonia",
  "costa rica",
  "el salvador",
  "dominican republic",
  "sri lanka",
  "saudi arabia",
  "united arab emirates",
  "puerto rico",
  "hong kong",
  "ivory coast",
  "papua new guinea",
  "bosnia and herzegovina",
  "trinidad and tobago",
  "cyprus (greek)",
  "cyprus (turkish)",
];

export const MONTHS = set(`
  january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
`);

export const WEEKDAYS = set(`
  monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
`);

/** Words that end an organisation's name (a capitalised run ending in one is not a person). */
export const ORG_WORDS = set(`
  inc incorporated ltd limited llc llp plc gmbh ag sa sas sarl bv nv oy ab as asa spa srl kg co corp
  corporation company companies group holdings partners associates agency bank university college
  institute foundation school hospital clinic labs lab laboratories systems solutions technologies
  technology tech software services service consulting industries international global media
  studios network networks capital ventures enterprises foods motors airlines insurance analytics
  research trust fund council committee department ministry association society club church
  records press publishing store stores shop market markets cafe restaurant hotel museum orchestra
  band choir ensemble quartet trio philharmonic symphony theatre theater festival academy sons
  brothers bros diagnostics pharmaceuticals pharma therapeutics biosciences bio robotics electronics
  dynamics logistics automotive energy health healthcare medical capital finance financial
  payments commerce retail wireless communications telecom airways air rail travel
`);

/*
 * Capitalised words that are not names in support conversations: product and service words,
 * interface words, greetings. (Function words and most verbs come from compromise's lexicon.)
 */
export const NOT_NAME_WORDS = set(`
  hello hi hey dear thanks thank regards best cheers sincerely yours kind warm greetings ok okay yes
  no please sorry welcome good morning afternoon evening night team support customer customers
  client agent user admin administrator manager service order orders account accounts invoice
  invoices ticket tickets refund refunds payment payments shipping delivery package parcel return
  returns exchange subscription plan billing bill charge charges card cards bank transfer receipt
  product products item items price prices discount coupon code password login email e-mail mail
  phone mobile fax address website web site app application browser page button menu settings
  profile dashboard report reports status update updates version release feature features issue
  issues bug error errors problem request requests question questions answer note notes subject
  re fwd fw attn attention cc bcc name date time today tomorrow yesterday week month year day
  morning pro plus premium basic standard enterprise business personal free trial edition ultra
  max mini air lite home office work chrome firefox safari edge windows mac macos ios android linux
  iphone ipad ipod macbook pixel galaxy kindle alexa siri cortana outlook gmail excel powerpoint
  teams slack zoom skype whatsapp telegram signal messenger instagram facebook twitter linkedin
  youtube tiktok google apple microsoft amazon netflix spotify paypal stripe visa mastercard amex
  shopify zendesk salesforce hubspot jira github gitlab intercom freshdesk dropbox notion figma
  keel api sdk cli url http https json csv pdf faq tos usa eu uk north south east west central
  upper lower new old big small great grand saint st mount lake river island islands city town
  village county state province region district street road avenue lane drive the a an and or but
  of in on at to for from by with without about as into onto via per i we you he she it they me us
  him her them my our your his its their this that these those there here what which who whom whose
  why how when where all any some each every both either neither none one two three four five six
  seven eight nine ten first second third last next previous other another same such only also just
  still very really not never always sometimes often can could will would shall should may might
  must do does did done is are was were be been being have has had get got let make made see saw
  say said tell told ask asked call called give gave take took go went come came know knew think
  thought want wanted need needed like liked love loved hope hoped wish try tried use used
  mister madam sir lord lady father mother son daughter wife husband kid kids child children baby
  brother sister uncle aunt cousin friend boss partner guardian beneficiary grandfather grandmother
  doctor nurse officer professor captain president director chief ceo cto cfo vp head lead senior
  junior associate assistant engineer developer designer analyst consultant representative
  english french german spanish italian portuguese dutch swedish norwegian danish finnish polish
  czech hungarian greek russian chinese japanese korean arabic hebrew turkish indian american
  british european african asian australian canadian mexican brazilian
  christmas easter halloween thanksgiving bot chatbot robot system assistant ai gpt unsubscribe
  subscribe login logout signin signup checkout cart inbox spam newsletter webinar homepage
  download upload attachment attached reply forward sent received
`);

/** Words a person does right after being named ("Becker said", "Rintanen began writing"). */
export const PERSON_VERBS = set(`
  said says say asked asks told tells wrote writes write replied replies answered answers shouted
  shouts yelled whispered called calls lives lived live moved moves flew flies went goes came comes
  began begins started starts joined joins left leaves works worked speaks spoke sings sang sung
  directed listed gave gives thinks thought wants wanted needs needed likes liked loves loved
  married died born founded created designed recorded performed played plays won wins lost loses
  signed signs sent sends paid pays ordered orders bought buys emailed phoned texted confirmed
  confirms explained explains mentioned mentions reported reports noted notes added adds agreed
  agrees refused refuses complained complains requested requests
`);

/** Auxiliaries: after a name they say less ("Zoolander is a film"), but "Kadiev and Adams were". */
export const AUXILIARY_VERBS = set(
  "is are was were has have had will would can could did does just also never always still",
);

/** Family and social relations that are followed by a name ("my kid Agi", "her husband Tom"). */
export const RELATION_WORDS = set(`
  kid kids son daughter child children wife husband partner spouse mother father mom mum dad
  brother sister uncle aunt cousin nephew niece grandson granddaughter grandfather grandmother
  grandma grandpa friend boyfriend girlfriend fiance fiancé fiancée colleague coworker boss
  neighbour neighbor tenant landlord guardian beneficiary
`);

/** Roles written before a name ("songwriter Alena Preclíková", "customer Jan Novák"). */
export const ROLE_WORDS = set(`
  songwriter singer author writer artist actor actress director producer composer musician player
  coach teacher student doctor lawyer agent customer client user member employee manager assistant
  technician engineer developer representative rep supervisor colleague
`);
