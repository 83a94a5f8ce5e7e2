"""Name lists for entity typing and normalisation, all shipped in the package (no downloaded data).

Countries, capitals and large cities (hand-written, plus GeoNames cities over 200,000 people and US
states in `places_data`) cover most news places; well-known organisations are a curated list; the
alias tables only hold spellings that otherwise split one entity in two across outlets or languages.
"""

from __future__ import annotations

from streams.tag import places_data


def _split(block: str) -> list[str]:
    return [item.strip() for item in block.replace("\n", ";").split(";") if item.strip()]


COUNTRIES = _split("""
Afghanistan;Albania;Algeria;Andorra;Angola;Argentina;Armenia;Australia;Austria;Azerbaijan;Bahamas;Bahrain;
Bangladesh;Barbados;Belarus;Belgium;Belize;Benin;Bhutan;Bolivia;Bosnia and Herzegovina;Bosnia;Botswana;Brazil;
Brunei;Bulgaria;Burkina Faso;Burundi;Cambodia;Cameroon;Canada;Cape Verde;Central African Republic;Chad;Chile;
China;Colombia;Comoros;Congo;Democratic Republic of the Congo;Costa Rica;Ivory Coast;Croatia;Cuba;Cyprus;
Czech Republic;Czechia;Denmark;Djibouti;Dominica;Dominican Republic;Ecuador;Egypt;El Salvador;Equatorial Guinea;
Eritrea;Estonia;Eswatini;Ethiopia;Fiji;Finland;France;Gabon;Gambia;Georgia;Germany;Ghana;Greece;Grenada;
Guatemala;Guinea;Guinea-Bissau;Guyana;Haiti;Honduras;Hungary;Iceland;India;Indonesia;Iran;Iraq;Ireland;Israel;
Italy;Jamaica;Japan;Jordan;Kazakhstan;Kenya;Kiribati;Kosovo;Kuwait;Kyrgyzstan;Laos;Latvia;Lebanon;Lesotho;
Liberia;Libya;Liechtenstein;Lithuania;Luxembourg;Madagascar;Malawi;Malaysia;Maldives;Mali;Malta;Mauritania;
Mauritius;Mexico;Micronesia;Moldova;Monaco;Mongolia;Montenegro;Morocco;Mozambique;Myanmar;Namibia;Nauru;Nepal;
Netherlands;New Zealand;Nicaragua;Niger;Nigeria;North Korea;North Macedonia;Norway;Oman;Pakistan;Palau;Palestine;
Panama;Papua New Guinea;Paraguay;Peru;Philippines;Poland;Portugal;Qatar;Romania;Russia;Rwanda;Samoa;San Marino;
Saudi Arabia;Senegal;Serbia;Seychelles;Sierra Leone;Singapore;Slovakia;Slovenia;Solomon Islands;Somalia;
South Africa;South Korea;South Sudan;Spain;Sri Lanka;Sudan;Suriname;Sweden;Switzerland;Syria;Taiwan;Tajikistan;
Tanzania;Thailand;Timor-Leste;Togo;Tonga;Trinidad and Tobago;Tunisia;Turkey;Turkmenistan;Tuvalu;Uganda;Ukraine;
United Arab Emirates;United Kingdom;United States;Uruguay;Uzbekistan;Vanuatu;Vatican;Venezuela;Vietnam;Yemen;
Zambia;Zimbabwe;England;Scotland;Wales;Northern Ireland;Hong Kong;Macau;Greenland;Puerto Rico;Gaza;West Bank;
Crimea;Donbas;Kashmir;Tibet;Xinjiang;Chechnya;Siberia;Kurdistan;Catalonia;Europe;Asia;Africa;Antarctica;
North America;South America;Latin America;Middle East;Balkans;Caribbean;Scandinavia;Arctic;Sahel;Soviet Union
""")

CITIES = _split("""
Kyiv;Moscow;Beijing;Shanghai;Hong Kong;Taipei;Tokyo;Osaka;Seoul;Pyongyang;Delhi;New Delhi;Mumbai;Kolkata;
Chennai;Bangalore;Karachi;Lahore;Islamabad;Kabul;Tehran;Baghdad;Damascus;Beirut;Amman;Jerusalem;Tel Aviv;
Riyadh;Jeddah;Mecca;Doha;Dubai;Abu Dhabi;Muscat;Sanaa;Ankara;Istanbul;Cairo;Alexandria;Tripoli;Tunis;Algiers;
Rabat;Casablanca;Khartoum;Addis Ababa;Nairobi;Mogadishu;Kampala;Kigali;Dar es Salaam;Lagos;Abuja;Accra;Dakar;
Kinshasa;Luanda;Johannesburg;Cape Town;Pretoria;Harare;London;Manchester;Birmingham;Liverpool;Edinburgh;Glasgow;
Belfast;Cardiff;Dublin;Paris;Marseille;Lyon;Toulouse;Nice;Bordeaux;Lille;Strasbourg;Nantes;Brussels;Antwerp;
Amsterdam;Rotterdam;The Hague;Luxembourg;Berlin;Hamburg;Munich;Frankfurt;Cologne;Stuttgart;Vienna;Zurich;Geneva;
Bern;Rome;Milan;Naples;Turin;Florence;Venice;Madrid;Barcelona;Valencia;Seville;Lisbon;Porto;Athens;Valletta;
Nicosia;Copenhagen;Stockholm;Oslo;Helsinki;Reykjavik;Tallinn;Riga;Vilnius;Warsaw;Krakow;Prague;Bratislava;
Budapest;Bucharest;Sofia;Belgrade;Zagreb;Ljubljana;Sarajevo;Skopje;Tirana;Podgorica;Chisinau;Minsk;Tbilisi;
Yerevan;Baku;Astana;Tashkent;Kharkiv;Odesa;Odessa;Lviv;Dnipro;Mariupol;Zaporizhzhia;Kherson;Donetsk;Luhansk;
Bakhmut;Sevastopol;St Petersburg;Saint Petersburg;Kursk;Belgorod;Washington;New York;Los Angeles;Chicago;Houston;
Philadelphia;Phoenix;San Francisco;Seattle;Boston;Miami;Atlanta;Dallas;Denver;Detroit;Las Vegas;Austin;
New Orleans;Toronto;Montreal;Vancouver;Ottawa;Mexico City;Havana;Caracas;Bogota;Lima;Quito;Santiago;
Buenos Aires;Montevideo;Sao Paulo;São Paulo;Rio de Janeiro;Brasilia;Sydney;Melbourne;Brisbane;Perth;Canberra;
Auckland;Wellington;Jakarta;Manila;Bangkok;Hanoi;Ho Chi Minh City;Kuala Lumpur;Singapore;Dhaka;Colombo;
Kathmandu;Yangon;Naypyidaw;Phnom Penh;Ulaanbaatar;Wuhan;Guangzhou;Shenzhen;Macau;Minsk;Gaza City;Rafah;
Khan Younis;Ramallah;Aleppo;Homs;Mosul;Basra;Erbil;Kandahar;Benghazi;Davos;Silicon Valley;The Hague;
Pékin;Moscou;Londres;Bruxelles;Genève;Varsovie;Berlin;Rome;Madrid;Lisbonne;Athènes;Vienne;Pékin
""")

# Country names in other languages and old spellings → canonical English names.
PLACE_ALIASES: dict[str, str] = {
    "Kiev": "Kyiv", "Kyiv": "Kyiv", "Peking": "Beijing", "Pékin": "Beijing", "Moscou": "Moscow",
    "Londres": "London", "Bruxelles": "Brussels", "Genève": "Geneva", "Bombay": "Mumbai", "Burma": "Myanmar",
    "Holland": "Netherlands", "the Netherlands": "Netherlands", "Russian Federation": "Russia",
    "PRC": "China", "People's Republic of China": "China", "Republic of Korea": "South Korea",
    "DPRK": "North Korea", "UAE": "United Arab Emirates", "Côte d'Ivoire": "Ivory Coast",
    "U.S.": "United States", "US": "United States", "USA": "United States", "U.S.A.": "United States",
    "United States of America": "United States", "America": "United States", "Etats-Unis": "United States",
    "États-Unis": "United States", "UK": "United Kingdom", "U.K.": "United Kingdom", "Britain": "United Kingdom",
    "Great Britain": "United Kingdom", "Royaume-Uni": "United Kingdom", "Chine": "China", "Russie": "Russia",
    "Allemagne": "Germany", "Espagne": "Spain", "Italie": "Italy", "Japon": "Japan", "Inde": "India",
    "Brésil": "Brazil", "Mexique": "Mexico", "Syrie": "Syria", "Turquie": "Turkey", "Grèce": "Greece",
    "Irlande": "Ireland", "Belgique": "Belgium", "Suisse": "Switzerland", "Pologne": "Poland",
    "Autriche": "Austria", "Deutschland": "Germany", "Frankreich": "France", "Russland": "Russia",
    "Gaza Strip": "Gaza", "Czechia": "Czech Republic", "Odessa": "Odesa", "Saint Petersburg": "St Petersburg",
    "Sao Paulo": "São Paulo", "Hague": "The Hague", "Roumanie": "Romania", "Ouganda": "Uganda",
    "Guyane": "French Guiana", "Europe de l'Est": "Eastern Europe", "Afrique": "Africa", "Amérique": "America",
    "Ukraine": "Ukraine", "Moskau": "Moscow", "Mosca": "Moscow", "Moscú": "Moscow", "Pekín": "Beijing",
    "Kiew": "Kyiv", "Washington D.C.": "Washington", "Washington, D.C.": "Washington",
}

REGIONS = _split("""
Bavaria;Saxony;Brittany;Normandy;Provence;Corsica;Alsace;Sicily;Sardinia;Lombardy;Tuscany;Andalusia;Basque Country;
Flanders;Wallonia;Lapland;Transylvania;Silesia;Crimea;Kherson Oblast;Donetsk Oblast;Inner Mongolia;Guangdong;
Sichuan;Yunnan;Tibet;Hokkaido;Okinawa;Kyushu;Punjab;Kerala;Bengal;Tamil Nadu;Kashmir;Balochistan;Sindh;Sinai;
Golan Heights;Darfur;Tigray;Kurdistan;Anatolia;Patagonia;Amazon rainforest;Yukon;Quebec;Ontario;Alberta;
British Columbia;Queensland;New South Wales;Tasmania;Otago;Canterbury;Borneo;Sumatra;Java;Bali;Sulawesi;
Mindanao;Luzon;Caucasus;Siberia;Urals;Himalayas;Alps;Andes;Sahara;Mediterranean;Baltic;Black Sea;Red Sea;
South China Sea;Sea of Japan;Persian Gulf;Strait of Hormuz;Taiwan Strait;Pacific;Atlantic;Indian Ocean;
Southern Ocean;Arctic Ocean;Moon;Mars;French Guiana;Guadeloupe;Martinique;Réunion;Mayotte;New Caledonia;Bermuda
""")

# Hand-picked places: a capitalised word in this set is never part of a person's name.
CORE_PLACES = frozenset(COUNTRIES) | frozenset(CITIES) | frozenset(REGIONS) | frozenset(PLACE_ALIASES.values())
# GeoNames names that are far more often a word or a first name in news text than the city.
_GEO_AMBIGUOUS = frozenset(
    "Reading Bath Mobile Split Independence Surprise Normal Hope Orange Aurora Gary Victoria Charlotte Florence "
    "Austin Jackson Lincoln Chelsea Sale Rochester Columbia Lafayette Irvine Pasadena Gilbert Chandler Henderson "
    "Brent Saga Bristol Durham Salem Mesa Laredo Garland Plano Fontana Moreno Ontario Alexandria Georgia Jordan "
    "Chester Preston Crawley Stockport Dudley Hamilton Kingston Darwin Hull Luton Derby Wells Marino Lima Cork "
    "Kent Essex Sterling Carmel Paterson Bellevue Santa Ana Valencia Córdoba Mérida Leon León Trinidad Concord".split()
)
PLACES = CORE_PLACES | (
    (frozenset(_split(places_data.US_STATES)) | frozenset(_split(places_data.LARGE_CITIES))) - _GEO_AMBIGUOUS
)

# Adjective → country: used for "Ukrainians" (noun) and to know "Chinese President" is not a name.
DEMONYMS: dict[str, str] = {
    "American": "United States", "British": "United Kingdom", "English": "England", "Chinese": "China",
    "Russian": "Russia", "Ukrainian": "Ukraine", "French": "France", "German": "Germany", "Italian": "Italy",
    "Spanish": "Spain", "Portuguese": "Portugal", "Dutch": "Netherlands", "Belgian": "Belgium",
    "Swiss": "Switzerland", "Austrian": "Austria", "Polish": "Poland", "Czech": "Czech Republic",
    "Hungarian": "Hungary", "Romanian": "Romania", "Greek": "Greece", "Turkish": "Turkey", "Israeli": "Israel",
    "Palestinian": "Palestine", "Iranian": "Iran", "Iraqi": "Iraq", "Syrian": "Syria", "Lebanese": "Lebanon",
    "Saudi": "Saudi Arabia", "Egyptian": "Egypt", "Indian": "India", "Pakistani": "Pakistan", "Afghan": "Afghanistan",
    "Japanese": "Japan", "Korean": "South Korea", "North Korean": "North Korea", "South Korean": "South Korea",
    "Taiwanese": "Taiwan", "Vietnamese": "Vietnam", "Thai": "Thailand", "Indonesian": "Indonesia",
    "Australian": "Australia", "Canadian": "Canada", "Mexican": "Mexico", "Brazilian": "Brazil",
    "Argentine": "Argentina", "Argentinian": "Argentina", "Venezuelan": "Venezuela", "Cuban": "Cuba",
    "Colombian": "Colombia", "Chilean": "Chile", "Nigerian": "Nigeria", "Kenyan": "Kenya",
    "Ethiopian": "Ethiopia", "South African": "South Africa", "Belarusian": "Belarus", "Georgian": "Georgia",
    "Irish": "Ireland", "Scottish": "Scotland", "Welsh": "Wales", "Swedish": "Sweden", "Norwegian": "Norway",
    "Danish": "Denmark", "Finnish": "Finland", "Serbian": "Serbia", "Croatian": "Croatia", "Qatari": "Qatar",
    "Emirati": "United Arab Emirates", "Yemeni": "Yemen", "Sudanese": "Sudan", "Libyan": "Libya",
    "Moroccan": "Morocco", "Algerian": "Algeria", "Tunisian": "Tunisia", "Malaysian": "Malaysia",
    "Filipino": "Philippines", "Kurdish": "Kurdistan", "European": "Europe", "African": "Africa", "Asian": "Asia",
    "Soviet": "Soviet Union", "Western": "", "Eastern": "", "Arab": "", "Latin": "", "Nordic": "",
}
# Plural nouns ("Ukrainians fled") that name the country's people: counted as the country.
DEMONYM_NOUNS = {
    f"{adj}s": country for adj, country in DEMONYMS.items() if country and not adj.endswith(("sh", "ch", "se", "ss"))
}

PERSON_ALIASES: dict[str, str] = {
    "Zelensky": "Volodymyr Zelenskyy", "Zelenskiy": "Volodymyr Zelenskyy", "Zelenskyy": "Volodymyr Zelenskyy",
    "Volodymyr Zelensky": "Volodymyr Zelenskyy", "Volodymyr Zelenskiy": "Volodymyr Zelenskyy",
    "Vladimir Zelensky": "Volodymyr Zelenskyy", "Putin": "Vladimir Putin", "Vladimir V. Putin": "Vladimir Putin",
    "Xi": "Xi Jinping", "Trump": "Donald Trump", "Donald J. Trump": "Donald Trump", "Biden": "Joe Biden",
    "Joseph R. Biden": "Joe Biden", "Macron": "Emmanuel Macron", "Merkel": "Angela Merkel",
    "Scholz": "Olaf Scholz", "Netanyahu": "Benjamin Netanyahu", "Erdogan": "Recep Tayyip Erdogan",
    "Erdoğan": "Recep Tayyip Erdogan", "Recep Tayyip Erdoğan": "Recep Tayyip Erdogan", "Modi": "Narendra Modi",
    "Lavrov": "Sergei Lavrov", "Sergey Lavrov": "Sergei Lavrov", "Guterres": "António Guterres",
    "Poutine": "Vladimir Putin", "Vladimir Poutine": "Vladimir Putin", "Wladimir Putin": "Vladimir Putin",
    "Selenskyj": "Volodymyr Zelenskyy", "Wolodymyr Selenskyj": "Volodymyr Zelenskyy", "Zelensky's": "Volodymyr Zelenskyy",
    "Starmer": "Keir Starmer", "Sunak": "Rishi Sunak", "Meloni": "Giorgia Meloni", "Orban": "Viktor Orbán",
    "Viktor Orban": "Viktor Orbán", "Orbán": "Viktor Orbán", "Lula": "Luiz Inácio Lula da Silva",
    "Lula da Silva": "Luiz Inácio Lula da Silva", "Tedros": "Tedros Adhanom Ghebreyesus",
    "Von der Leyen": "Ursula von der Leyen", "von der Leyen": "Ursula von der Leyen", "Kim Jong-un": "Kim Jong Un",
    "Kim Jong-Un": "Kim Jong Un", "Musk": "Elon Musk", "Powell": "Jerome Powell", "Lagarde": "Christine Lagarde",
}

ORG_ALIASES: dict[str, str] = {
    "EU": "European Union", "E.U.": "European Union", "UN": "United Nations", "U.N.": "United Nations",
    "Nato": "NATO", "OTAN": "NATO", "ONU": "United Nations", "UE": "European Union",
    "Union européenne": "European Union", "Nations unies": "United Nations", "Fed": "Federal Reserve",
    "WHO": "World Health Organization", "OMS": "World Health Organization",
    "Organisation mondiale de la santé": "World Health Organization", "Sénat": "Senate",
    "Assemblée nationale": "National Assembly", "Commission européenne": "European Commission",
    "ECB": "European Central Bank", "BCE": "European Central Bank", "IMF": "International Monetary Fund",
    "FMI": "International Monetary Fund", "CDC": "Centers for Disease Control and Prevention",
    "FDA": "Food and Drug Administration", "SEC": "Securities and Exchange Commission", "MSF": "Doctors Without Borders",
    "Médecins sans frontières": "Doctors Without Borders", "PSG": "Paris Saint-Germain", "Man Utd": "Manchester United",
    "Alphabet": "Google",
}

ORGS = frozenset(
    "Kremlin;Pentagon;White House;Downing Street;Elysee;Élysée;NATO;Hamas;Hezbollah;Taliban;OPEC;"
    "European Union;United Nations;European Commission;Security Council;Congress;Senate;Parliament;"
    "Bundestag;Duma;Knesset;Federal Reserve;Fed;Wall Street;Interpol;Red Cross;Google;Apple;Microsoft;"
    "Amazon;Meta;Facebook;Twitter;Tesla;Nvidia;OpenAI;Gazprom;Rosneft;Huawei;Samsung;Toyota;Boeing;Airbus;"
    "Goldman Sachs;Morgan Stanley;JPMorgan;BlackRock;Deutsche Bank;Credit Suisse;Wells Fargo;General Motors;"
    # Curated: large companies, institutions, clubs and groups that news names without a suffix.
    "Netflix;Disney;Sony;Nintendo;Spotify;Uber;Airbnb;Intel;AMD;Qualcomm;IBM;Oracle;Salesforce;Adobe;Cisco;Dell;HP;"
    "Anthropic;Mistral;Mistral AI;DeepMind;ByteDance;TikTok;Alibaba;Tencent;Baidu;Xiaomi;BYD;Foxconn;TSMC;SK Hynix;"
    "LG;Hyundai;Kia;Honda;Nissan;Volkswagen;BMW;Mercedes-Benz;Stellantis;Renault;Ford;Ferrari;Siemens;Bosch;"
    "SAP;Nestlé;Unilever;Shell;BP;ExxonMobil;Chevron;TotalEnergies;Aramco;Saudi Aramco;Glencore;Rio Tinto;HSBC;"
    "Barclays;UBS;BNP Paribas;Santander;Citigroup;Bank of America;Mastercard;PayPal;Pfizer;Moderna;"
    "AstraZeneca;Novartis;Roche;Sanofi;Eli Lilly;Novo Nordisk;Johnson & Johnson;Merck;Bayer;Walmart;Costco;"
    "Ticketmaster;Live Nation;Warner Bros;Warner Bros Discovery;Paramount;NBCUniversal;Comcast;"
    "Snowflake;Midjourney;Nasdaq;Dow Jones;S&P 500;Nikkei;FTSE;Ryanair;Lufthansa;Air France;Emirates;"
    "World Bank;International Monetary Fund;World Trade Organization;World Health Organization;UNICEF;UNESCO;"
    "UNHCR;World Food Programme;Doctors Without Borders;Amnesty International;Human Rights Watch;Greenpeace;"
    "European Central Bank;Bank of England;Bank of Japan;International Criminal Court;Supreme Court;FBI;CIA;"
    "NASA;ESA;European Space Agency;SpaceX;Blue Origin;CERN;WHO;Mayo Clinic;FIFA;UEFA;IOC;NBA;NFL;MLB;NHL;"
    "Real Madrid;Barcelona FC;Bayern Munich;Borussia Dortmund;Manchester United;Manchester City;Liverpool FC;"
    "Arsenal;Juventus;Inter Milan;AC Milan;Paris Saint-Germain;Red Bull;McLaren;Beatles;"
    "Rolling Stones;BTS;Labour;Tories;Conservative Party;Labour Party;Democratic Party;Republican Party;"
    "National Rally;Rassemblement national;AfD;CDU;SPD;Greens;Likud;ANC;Kremlin;Hezbollah;Houthis;Islamic State".split(";")
)

# Words that end (or head) organisation names.
ORG_WORDS = frozenset(
    "Clinic Center Centre Centers Survey Programme Laboratory Laboratories Observatory Society Coalition Movement "
    "Alliance Bros Electronics Semiconductor Pharma Democrats Republicans Conservatives Liberals Socialists "
    "Inc Inc. Corp Corp. Corporation Co Co. Ltd Ltd. LLC PLC plc AG SA GmbH Group Holdings Company Bank "
    "Ministry Department Agency Party Council University College Institute Foundation Association Union "
    "Committee Commission Authority Organization Organisation Federation Court Parliament Congress Senate "
    "Assembly Army Navy Police Forces Office Bureau Service Services Airlines Airways Motors Systems "
    "Technologies Labs Media Network Studios Pictures Records Club FC Fund Reserve Board Exchange Guard "
    "Brigade Regiment Cabinet Government Administration Hospital School Church Museum Trust Partners "
    "Capital Securities Insurance Energy Pharmaceuticals Entertainment Communications Broadcasting "
    "Goods Brands Stores Foods Industries Solutions Software Games Airlines "
    "Conseil Comité Syndicat Observatoire Ministère Parti Assemblée Sénat Banque Université Agence "
    "Fédération Société Groupe Tribunal Cour Commission Ministerium Partei Regierung Bundesregierung "
    "Polizei Gericht Bundestag Bundesrat Konzern Gobierno Ministerio Partido Policía Congreso Senado "
    "Ayuntamiento Ejército Universidad Banco Comisión Consejo Fundación Governo Ministero Partito".split()
)

# Heads of geographic names that are not countries or cities ("Red Square", "Vnukovo Airport").
PLACE_WORDS = frozenset(
    "Square Street Avenue Road Boulevard Bridge Airport Station Park River Sea Ocean Lake Mountains Mount "
    "Island Islands Valley Bay Gulf Strait Canal Coast Peninsula Desert Palace Tower Stadium Arena Province "
    "Region Oblast County District Heights Hills Harbor Harbour Port Beach Canyon Falls "
    "Place Rue Pont Gare Aéroport Lac Île Mer Estadio Stade Stadion".split()
)
# First words of multi-word place names ("Santa Clara", "Fort Worth", "São Tomé").
PLACE_HEADS = frozenset("San Santa Santo São Saint St St. Sainte Fort Port Mount Lake Cape Los Las Nueva Nuevo".split())

# Heads of event, law and product names: never people.
MISC_WORDS = frozenset(
    "Day Week War Cup Games Olympics Championship Championships Open Award Awards Prize Festival Summit Act "
    "Treaty Agreement Accord Plan Initiative Program Programme Project Pipeline Index Show Series Season "
    "Trailer Tour Album Edition Conference Forum Expo Parade Revolution Crisis Deal Pact Doctrine Bill Law "
    "Order Protocol Declaration Strategy Operation Mission Report Policy League Slam Model Prix Olympiad Tournament "
    "Marathon Derby Classic Trophy".split()
)

# Titles and roles stripped from names ("Chinese President Xi Jinping" → "Xi Jinping").
ROLES = frozenset(
    "president vice-president premier chancellor minister secretary secretary-general general gen gen. "
    "mr mr. mrs mrs. ms ms. dr dr. prof prof. professor sir dame lord lady king queen prince princess pope "
    "senator sen sen. rep rep. representative congressman congresswoman governor gov gov. mayor judge justice "
    "chief chairman chairwoman chair ceo leader ambassador spokesman spokeswoman spokesperson commander "
    "colonel col col. lieutenant lt lt. captain capt capt. sergeant sgt sgt. officer director founder "
    "co-founder coach manager striker midfielder goalkeeper star singer actor actress rapper host anchor "
    "detective inspector archbishop bishop cardinal rev rev. reverend sheikh emir sultan crown deputy acting "
    "former ex late president-elect speaker attorney ayatollah monsieur mme m. herr frau aide envoy "
    "diplomat tycoon billionaire chancellor-elect presidente ministre président présidente pr pr. "
    "creator producer director writer author editor columnist analyst economist professeur maire scientist "
    "researcher archaeologist astronaut palaeontologist paleontologist historian lawyer member entraîneur "
    "sélectionneur patron dirigeant porte-parole chanteuse chanteur rapporteur".split()
)
# Words that may precede a role without being a name ("Foreign Minister", "Prime Minister").
ROLE_MODIFIERS = frozenset(
    "foreign defence defense finance interior health prime vice state federal top senior first deputy "
    "acting interim former supreme general head foreign-affairs economy trade energy justice "
    "education security then new".split()
)
# Words that follow "of" inside a role ("Secretary of State", "Minister of Foreign Affairs").
ROLE_OBJECTS = frozenset("state defense defence foreign affairs finance justice health interior commerce "
                         "treasury energy education agriculture labor labour homeland security staff the".split())

# Words before "of" that make "X of Y" one name ("Bank of England", "Power of Siberia").
OF_HEADS = frozenset(
    "Bank University Ministry Department Republic Kingdom Duke Duchess Prince Princess King Queen House "
    "Church Court Council Institute College School Museum Federation Union Board Bay Gulf Sea Strait Isle "
    "Isles Statue Power Battle Siege Cape Lake Mount Province State City Port Chamber Office Secretary "
    "Minister Governor Mayor Commander Chief Head Organisation Organization Association League Assembly "
    "Army Archbishop Bishop Emir Sultan Tower Coast Islands Hall Prime Queen Academy Order".split()
)

# Name particles allowed between capitalised words ("Charles de Gaulle", "Ursula von der Leyen").
PARTICLES = frozenset("de du des da do dos das di del della van von der den ter la le bin ibn al el".split())

# Capitalised words that are not entities on their own.
NON_ENTITIES = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December Mr Mrs Ms Dr I Foreign Western Eastern Northern Southern "
    "Central National International Federal State Global Former Supreme Chief Senior Top Local Regional "
    "Breaking Update Updated Exclusive Watch Video Live Photos Opinion Analysis Editorial Read More Latest "
    "News Related Share Comment Comments Advertisement Sponsored Today Yesterday Tomorrow CEO CFO IPO EPS "
    "ETF GDP FX TV AI PM AM CPI OK UPDATE VIDEO WATCH PHOTOS LIVE EXCLUSIVE BREAKING Q1 Q2 Q3 Q4 FY "
    "République Etat État Président Gouvernement No Day MPs MEPs CEOs Montag Dienstag Mittwoch Donnerstag "
    "Freitag Samstag Sonnabend Sonntag Januar Februar März Juni Juli Oktober Dezember".split()
)
