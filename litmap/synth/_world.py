"""Names, institutions, journals and places the synthetic records are drawn from (data only).

Institution and journal names are real organisations written the way CNKI and
Web of Science print them; the people, papers, DOIs and numbers built from them
are synthetic.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Institution", "Journal", "Place", "SURNAMES", "GIVEN", "WESTERN", "INSTITUTIONS",
           "JOURNALS_CN", "JOURNALS_EN", "CITED_ONLY", "PLACES", "WOS_COUNTRY"]


@dataclass(frozen=True, slots=True)
class Institution:
    """An affiliation: CNKI form (Chinese institutions only) and WoS ``C1`` parts."""

    cn: str
    org: str
    dept: str
    city: str
    country: str


@dataclass(frozen=True, slots=True)
class Journal:
    """A journal. ``code`` builds DOIs; ``english`` is the WoS title of a Chinese journal."""

    name: str
    abbrev: str
    issn: str
    cn_number: str
    first_year: int
    categories: str
    code: str
    english: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    """A study area named in titles and abstracts."""

    cn: str
    en: str
    country: str


#: Chinese surnames with pinyin.
SURNAMES = (("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
            ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"),
            ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("高", "Gao"),
            ("林", "Lin"), ("罗", "Luo"), ("郑", "Zheng"), ("梁", "Liang"), ("谢", "Xie"), ("宋", "Song"),
            ("唐", "Tang"), ("韩", "Han"), ("冯", "Feng"), ("邓", "Deng"), ("曹", "Cao"), ("彭", "Peng"),
            ("曾", "Zeng"), ("田", "Tian"), ("叶", "Ye"), ("潘", "Pan"), ("蒋", "Jiang"), ("钟", "Zhong"))

#: Characters of Chinese given names with pinyin.
GIVEN = (("明", "ming"), ("华", "hua"), ("晓", "xiao"), ("伟", "wei"), ("丽", "li"), ("强", "qiang"),
         ("军", "jun"), ("平", "ping"), ("芳", "fang"), ("敏", "min"), ("静", "jing"), ("杰", "jie"),
         ("涛", "tao"), ("磊", "lei"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"), ("娟", "juan"),
         ("霞", "xia"), ("鹏", "peng"), ("辉", "hui"), ("玲", "ling"), ("斌", "bin"), ("宇", "yu"),
         ("浩", "hao"), ("凯", "kai"), ("秀", "xiu"), ("建", "jian"), ("国", "guo"), ("文", "wen"),
         ("志", "zhi"), ("海", "hai"), ("红", "hong"), ("春", "chun"), ("雪", "xue"), ("婷", "ting"),
         ("欣", "xin"), ("嘉", "jia"), ("思", "si"), ("梦", "meng"), ("博", "bo"), ("晨", "chen"),
         ("成", "cheng"), ("德", "de"), ("东", "dong"), ("飞", "fei"), ("刚", "gang"), ("光", "guang"),
         ("慧", "hui"), ("金", "jin"), ("坤", "kun"), ("龙", "long"), ("美", "mei"), ("宁", "ning"),
         ("琪", "qi"), ("瑞", "rui"), ("书", "shu"), ("天", "tian"), ("新", "xin"), ("亚", "ya"),
         ("一", "yi"), ("悦", "yue"), ("云", "yun"), ("泽", "ze"), ("振", "zhen"), ("子", "zi"))

#: Country -> (surnames, given names) for authors outside China.
WESTERN = {
    "UK": (("Smith", "Jones", "Taylor", "Brown", "Evans", "Walker", "Wright", "Hughes", "Green", "Hall",
            "Wood", "Clarke", "Morgan", "Bell", "Stewart"),
           ("James", "Sarah", "David", "Emma", "Thomas", "Rachel", "Mark", "Helen", "Paul", "Claire")),
    "USA": (("Johnson", "Miller", "Davis", "Garcia", "Anderson", "Martin", "Moore", "Lee", "Clark", "Lewis",
             "Young", "Allen", "Nelson", "Carter", "Parker"),
            ("Michael", "Jennifer", "Robert", "Jessica", "William", "Ashley", "Daniel", "Laura", "Kevin", "Amy")),
    "Netherlands": (("de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
                     "Mulder", "Bos"), ("Jan", "Sanne", "Pieter", "Anouk", "Bram", "Lotte", "Joost", "Femke")),
    "Australia": (("Wilson", "Thompson", "White", "Kelly", "Ryan", "Campbell", "Murphy", "Mitchell",
                   "Robertson", "Reid"), ("Andrew", "Kate", "Matthew", "Lisa", "Peter", "Jane", "Luke", "Anna")),
    "Sweden": (("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
                "Svensson", "Lindqvist"), ("Erik", "Anna", "Lars", "Karin", "Johan", "Maria", "Per", "Eva")),
    "Canada": (("Tremblay", "Roy", "Gagnon", "MacDonald", "Wong", "Fraser", "Cote", "Bouchard"),
               ("Marc", "Julie", "Ryan", "Nicole", "Eric", "Sophie", "Brian", "Chantal")),
    "Germany": (("Muller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann"),
                ("Stefan", "Julia", "Andreas", "Katrin", "Markus", "Anja", "Tobias", "Sabine")),
    "Japan": (("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura"),
              ("Hiroshi", "Yuki", "Takeshi", "Naoko", "Kenji", "Akiko", "Satoshi", "Emi")),
    "Norway": (("Hansen", "Johansen", "Olsen", "Berg", "Haugen", "Dahl"),
               ("Ole", "Ingrid", "Knut", "Silje", "Arne", "Hilde")),
    "Spain": (("Garcia", "Fernandez", "Lopez", "Martinez", "Sanchez", "Perez", "Gomez", "Ruiz"),
              ("Javier", "Laura", "Carlos", "Marta", "Jorge", "Elena", "Pablo", "Lucia")),
    "Ireland": (("Murphy", "Kelly", "O'Brien", "Byrne", "Walsh", "Ryan"),
                ("Sean", "Aoife", "Ciaran", "Niamh", "Declan", "Siobhan")),
    "New Zealand": (("Smith", "Williams", "Ngata", "Turner", "Scott", "Harris"),
                    ("Liam", "Grace", "Hemi", "Olivia", "Tama", "Ruby")),
}

_CN = "Peoples R China"
INSTITUTIONS = (
    Institution("北京大学城市与环境学院", "Peking Univ", "Coll Urban & Environm Sci", "Beijing 100871", _CN),
    Institution("中国科学院地理科学与资源研究所", "Chinese Acad Sci", "Inst Geog Sci & Nat Resources Res",
                "Beijing 100101", _CN),
    Institution("南京大学建筑与城市规划学院", "Nanjing Univ", "Sch Architecture & Urban Planning",
                "Nanjing 210093", _CN),
    Institution("华东师范大学地理科学学院", "East China Normal Univ", "Sch Geog Sci", "Shanghai 200241", _CN),
    Institution("中山大学地理科学与规划学院", "Sun Yat Sen Univ", "Sch Geog & Planning", "Guangzhou 510275", _CN),
    Institution("同济大学建筑与城市规划学院", "Tongji Univ", "Coll Architecture & Urban Planning",
                "Shanghai 200092", _CN),
    Institution("浙江大学公共管理学院", "Zhejiang Univ", "Sch Publ Affairs", "Hangzhou 310058", _CN),
    Institution("中国人民大学农业与农村发展学院", "Renmin Univ China", "Sch Agr Econ & Rural Dev",
                "Beijing 100872", _CN),
    Institution("武汉大学城市设计学院", "Wuhan Univ", "Sch Urban Design", "Wuhan 430072", _CN),
    Institution("北京师范大学地理科学学部", "Beijing Normal Univ", "Fac Geog Sci", "Beijing 100875", _CN),
    Institution("南京农业大学公共管理学院", "Nanjing Agr Univ", "Coll Publ Adm", "Nanjing 210095", _CN),
    Institution("西南大学地理科学学院", "Southwest Univ", "Sch Geog Sci", "Chongqing 400715", _CN),
    Institution("东北师范大学地理科学学院", "Northeast Normal Univ", "Sch Geog Sci", "Changchun 130024", _CN),
    Institution("中国农业大学经济管理学院", "China Agr Univ", "Coll Econ & Management", "Beijing 100083", _CN),
    Institution("华中师范大学城市与环境科学学院", "Cent China Normal Univ", "Coll Urban & Environm Sci",
                "Wuhan 430079", _CN),
    Institution("复旦大学社会发展与公共政策学院", "Fudan Univ", "Sch Social Dev & Publ Policy",
                "Shanghai 200433", _CN),
    Institution("", "Univ Leeds", "Sch Geog", "Leeds LS2 9JT", "England"),
    Institution("", "Newcastle Univ", "Ctr Rural Econ", "Newcastle Upon Tyne NE1 7RU", "England"),
    Institution("", "Univ Glasgow", "Urban Studies", "Glasgow G12 8RS", "Scotland"),
    Institution("", "Aberystwyth Univ", "Dept Geog & Earth Sci", "Aberystwyth SY23 3DB", "Wales"),
    Institution("", "Univ Wisconsin", "Dept Geog", "Madison, WI 53706", "USA"),
    Institution("", "Univ Colorado", "Dept Geog", "Boulder, CO 80309", "USA"),
    Institution("", "Penn State Univ", "Dept Agr Econ Sociol & Educ", "University Pk, PA 16802", "USA"),
    Institution("", "Univ Groningen", "Fac Spatial Sci", "Groningen", "Netherlands"),
    Institution("", "Univ Utrecht", "Dept Human Geog & Spatial Planning", "Utrecht", "Netherlands"),
    Institution("", "Univ Melbourne", "Sch Geog Earth & Atmospher Sci", "Melbourne, Vic", "Australia"),
    Institution("", "Univ Queensland", "Sch Earth & Environm Sci", "Brisbane, Qld", "Australia"),
    Institution("", "Umea Univ", "Dept Geog", "Umea", "Sweden"),
    Institution("", "Uppsala Univ", "Dept Social & Econ Geog", "Uppsala", "Sweden"),
    Institution("", "Univ Guelph", "Sch Environm Design & Rural Dev", "Guelph, ON", "Canada"),
    Institution("", "Leibniz Inst Res Soc Spatial Dev", "Dept Dynam Econ Spaces", "Erkner", "Germany"),
    Institution("", "Univ Tokyo", "Dept Urban Engn", "Tokyo", "Japan"),
    Institution("", "Norwegian Univ Sci & Technol", "Dept Geog", "Trondheim", "Norway"),
    Institution("", "Univ Barcelona", "Dept Geog", "Barcelona", "Spain"),
    Institution("", "Maynooth Univ", "Dept Geog", "Maynooth, Kildare", "Ireland"),
    Institution("", "Univ Otago", "Dept Geog", "Dunedin", "New Zealand"),
)

#: Country as used in topic weights -> WoS address countries of that country.
WOS_COUNTRY = {"UK": ("England", "Scotland", "Wales"), "China": (_CN,)}

JOURNALS_CN = (
    Journal("地理学报", "ACTA GEOGR SIN", "0375-5444", "11-1856/P", 1946, "", "dlxb", "ACTA GEOGRAPHICA SINICA"),
    Journal("地理研究", "DILI YANJIU", "1000-0585", "11-1848/P", 1982, "", "dlyj", "GEOGRAPHICAL RESEARCH"),
    Journal("地理科学", "SCI GEOGR SIN", "1000-0690", "22-1124/P", 1981, "", "dlkx", "SCIENTIA GEOGRAPHICA SINICA"),
    Journal("经济地理", "", "1000-8462", "43-1126/K", 1981, "", "jjdl"),
    Journal("城市规划", "", "1002-1329", "11-2378/TU", 1977, "", "csgh"),
    Journal("城市规划学刊", "", "1000-3363", "31-1938/TU", 0, "", "csghxk"),
    Journal("中国农村经济", "", "1002-8870", "11-1262/F", 0, "", "zgncjj"),
    Journal("人口研究", "", "1000-6087", "11-1489/C", 1977, "", "rkyj"),
    Journal("人文地理", "", "1003-2398", "61-1193/K", 1986, "", "rwdl"),
    Journal("城市发展研究", "", "1006-3862", "11-3504/TU", 1994, "", "csfzyj"),
    Journal("农业经济问题", "", "1000-6389", "11-1208/F", 0, "", "nyjjwt"),
    Journal("中国人口·资源与环境", "", "1002-2104", "37-1196/N", 1991, "", "zgrz"),
)

JOURNALS_EN = (
    Journal("JOURNAL OF RURAL STUDIES", "J RURAL STUD", "0743-0167", "", 1985,
            "Geography; Regional & Urban Planning", "jrurstud"),
    Journal("URBAN STUDIES", "URBAN STUD", "0042-0980", "", 1964, "Environmental Studies; Urban Studies",
            "urbstud"),
    Journal("POPULATION SPACE AND PLACE", "POPUL SPACE PLACE", "1544-8444", "", 1995, "Demography; Geography",
            "psp"),
    Journal("HABITAT INTERNATIONAL", "HABITAT INT", "0197-3975", "", 1976,
            "Development Studies; Environmental Studies; Urban Studies", "habitatint"),
    Journal("LAND USE POLICY", "LAND USE POLICY", "0264-8377", "", 1984, "Environmental Studies",
            "landusepol"),
    Journal("CITIES", "CITIES", "0264-2751", "", 1983, "Urban Studies", "cities"),
    Journal("SOCIOLOGIA RURALIS", "SOCIOL RURALIS", "0038-0199", "", 1960, "Sociology", "soru"),
    Journal("ENVIRONMENT AND PLANNING A-ECONOMY AND SPACE", "ENVIRON PLANN A", "0308-518X", "", 1969,
            "Environmental Studies; Geography", "epa"),
    Journal("REGIONAL STUDIES", "REG STUD", "0034-3404", "", 1967, "Environmental Studies; Geography",
            "regstud"),
    Journal("JOURNAL OF GEOGRAPHICAL SCIENCES", "J GEOGR SCI", "1009-637X", "", 1991,
            "Geography, Physical", "jgs"),
    Journal("APPLIED GEOGRAPHY", "APPL GEOGR", "0143-6228", "", 1981, "Geography", "apgeog"),
    Journal("GEOFORUM", "GEOFORUM", "0016-7185", "", 1970, "Geography", "geoforum"),
)

#: Sources that appear only in cited references (J9-style abbreviations).
CITED_ONLY = ("PROG HUM GEOG", "ANN ASSOC AM GEOGR", "ACTA GEOGR SIN", "INT J URBAN REGIONAL",
              "TIJDSCHR ECON SOC GE", "CHINA QUART", "GEOGR J", "NATURE", "DILI YANJIU", "CHINA ECON REV",
              "T I BRIT GEOGR", "J ECON GEOGR")

PLACES = (
    Place("中国", "China", "China"), Place("长三角地区", "the Yangtze River Delta", "China"),
    Place("京津冀地区", "the Beijing-Tianjin-Hebei region", "China"),
    Place("成渝地区", "the Chengdu-Chongqing region", "China"), Place("东北地区", "Northeast China", "China"),
    Place("江苏省", "Jiangsu Province", "China"), Place("浙江省", "Zhejiang Province", "China"),
    Place("湖北省", "Hubei Province", "China"), Place("四川省", "Sichuan Province", "China"),
    Place("贵州省", "Guizhou Province", "China"), Place("广东省", "Guangdong Province", "China"),
    Place("黄河流域", "the Yellow River Basin", "China"), Place("珠三角地区", "the Pearl River Delta", "China"),
    Place("河南省", "Henan Province", "China"), Place("陕西省", "Shaanxi Province", "China"),
    Place("中部地区", "central China", "China"), Place("西部地区", "western China", "China"),
    Place("上海市", "Shanghai", "China"), Place("成都市", "Chengdu", "China"), Place("武汉市", "Wuhan", "China"),
    Place("苏南地区", "southern Jiangsu", "China"), Place("浙江省德清县", "Deqing County, Zhejiang", "China"),
    Place("英格兰乡村", "rural England", "UK"), Place("苏格兰高地", "the Scottish Highlands", "UK"),
    Place("威尔士", "Wales", "UK"), Place("康沃尔", "Cornwall", "UK"),
    Place("美国乡村", "the rural United States", "USA"), Place("美国中西部", "the American Midwest", "USA"),
    Place("阿巴拉契亚", "Appalachia", "USA"), Place("荷兰", "the Netherlands", "Netherlands"),
    Place("格罗宁根", "Groningen", "Netherlands"), Place("澳大利亚区域", "regional Australia", "Australia"),
    Place("塔斯马尼亚", "Tasmania", "Australia"), Place("瑞典北部", "northern Sweden", "Sweden"),
    Place("瑞典", "Sweden", "Sweden"), Place("加拿大乡村", "rural Canada", "Canada"),
    Place("德国东部", "eastern Germany", "Germany"), Place("萨克森", "Saxony", "Germany"),
    Place("日本乡村", "rural Japan", "Japan"), Place("挪威", "Norway", "Norway"),
    Place("西班牙乡村", "rural Spain", "Spain"), Place("爱尔兰", "Ireland", "Ireland"),
    Place("新西兰", "New Zealand", "New Zealand"),
)
