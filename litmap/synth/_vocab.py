"""The counter-urbanization / urban–rural integration topic model (data only).

A :class:`Vocabulary` bundles the planted topics (each a set of bilingual
keywords), the planted keyword trends (bursts in given year windows), generic
method keywords, the long-tail "aspect" suffixes, and the bilingual title and
abstract-sentence templates. :data:`COUNTERURBANIZATION` is the default.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Term", "Topic", "Trend", "Vocabulary", "COUNTERURBANIZATION", "VARIANT_RATE"]

#: Share of keyword occurrences written with a variant spelling (when one exists).
VARIANT_RATE = 0.15


@dataclass(frozen=True, slots=True)
class Term:
    """One bilingual keyword: Chinese form, English form and variant spellings."""

    cn: str
    en: str
    cn_variants: tuple[str, ...] = ()
    en_variants: tuple[str, ...] = ()

    def form(self, lang: str, u: float) -> str:
        """Return the surface form in ``lang`` ("cn" or "en") for the uniform draw ``u``.

        Parameters
        ----------
        lang : str
            "cn" or "en".
        u : float
            A uniform draw in [0, 1); below :data:`VARIANT_RATE` a variant is used.

        Returns
        -------
        str
        """
        variants = self.cn_variants if lang == "cn" else self.en_variants
        if variants and u < VARIANT_RATE:
            return variants[int(u / VARIANT_RATE * len(variants))]
        return self.cn if lang == "cn" else self.en


@dataclass(frozen=True, slots=True)
class Topic:
    """A planted research front.

    Attributes
    ----------
    name : str
        Short English name.
    terms : tuple of Term
        Core keywords, most frequent first.
    weight_cn, weight_en : float
        Base share of Chinese (CNKI) and English (WoS) records.
    periods : tuple of (int, int, float)
        ``(first_year, last_year, multiplier)`` windows applied to the base weight;
        a multiplier of 0 outside every window is set with ``only_in_periods``.
    only_in_periods : bool
        The topic has no records outside its windows.
    countries : tuple of (str, float)
        Lead-author country weights of English records on this topic.
    """

    name: str
    terms: tuple[Term, ...]
    weight_cn: float
    weight_en: float
    periods: tuple[tuple[int, int, float], ...] = ()
    only_in_periods: bool = False
    countries: tuple[tuple[str, float], ...] = (("China", 1.0),)


@dataclass(frozen=True, slots=True)
class Trend:
    """A keyword planted to burst: frequent inside ``[start, end]``, rare outside.

    ``p_topic`` is the chance that a record of ``topic`` in the window carries the
    keyword, ``p_other`` the chance for a record of another topic in the window,
    ``p_out`` the chance for any record outside the window. ``china_only`` marks
    Chinese policy slogans: English records of other topics use a tenth of
    ``p_other`` and ``p_out``.
    """

    term: Term
    topic: str
    start: int
    end: int
    p_topic: float
    p_other: float
    p_out: float
    china_only: bool = False


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Everything the generator draws words from (see :data:`COUNTERURBANIZATION`)."""

    topics: tuple[Topic, ...]
    trends: tuple[Trend, ...]
    generic: tuple[Term, ...]
    aspects: tuple[Term, ...]
    methods: tuple[Term, ...]
    titles: tuple[tuple[str, str], ...]
    sentences_en: tuple[str, ...]
    sentences_cn: tuple[str, ...]
    keywords_plus: tuple[str, ...]


T = Term
_COUNTERURB = T("逆城市化", "counterurbanization", ("逆城镇化",),
                ("counter-urbanization", "counterurbanisation", "counter-urbanisation"))
_NEW_URB = T("新型城镇化", "new-type urbanization", (), ("new urbanization",))
_INTEGRATION = T("城乡融合", "urban-rural integration", ("城乡融合发展",), ("rural-urban integration",))
_COORDINATION = T("城乡统筹", "urban-rural coordination")
_REVITAL = T("乡村振兴", "rural revitalization", ("乡村振兴战略",), ("rural revitalisation",))
_PROSPERITY = T("共同富裕", "common prosperity")
_DIGITAL = T("数字乡村", "digital countryside")
_TOWNS = T("特色小镇", "characteristic towns")
_PASTORAL = T("田园综合体", "pastoral complex")
_BEAUTIFUL = T("美丽乡村", "beautiful countryside")
_POVERTY = T("精准扶贫", "targeted poverty alleviation")
_SHRINK = T("收缩城市", "shrinking cities", ("城市收缩",), ("urban shrinkage", "shrinking city"))
_COVID = T("新冠疫情", "COVID-19", ("新冠肺炎疫情",), ("COVID-19 pandemic",))
_REMOTE = T("远程办公", "remote work", (), ("teleworking", "working from home"))

_TOPICS = (
    Topic("counterurbanization and rural in-migration", (
        _COUNTERURB, T("人口迁移", "migration"), T("乡村迁入", "rural in-migration"),
        T("舒适性迁移", "amenity migration"), T("生活方式迁移", "lifestyle migration"),
        T("乡村绅士化", "rural gentrification", ("乡村士绅化",)), T("第二居所", "second homes", (), ("second home",)),
        T("乡村重构", "rural restructuring"), T("城乡迁移", "urban-rural migration"), T("乡村性", "rurality"),
        T("乡愁", "rural nostalgia")),
        weight_cn=1.0, weight_en=3.0,
        countries=(("UK", 3), ("USA", 2), ("Netherlands", 1.5), ("Australia", 1.5), ("Sweden", 1.5),
                   ("Canada", 1), ("Spain", 0.7), ("Norway", 0.7), ("Ireland", 0.6), ("China", 2.5))),
    Topic("new urbanization and urban-rural integration", (
        T("城镇化", "urbanization", ("城市化",), ("urbanisation",)), T("户籍制度", "hukou system", (), ("hukou",)),
        T("城乡二元结构", "urban-rural dual structure"), T("人口城镇化", "population urbanization"),
        T("市民化", "citizenization of migrants"), T("城乡收入差距", "urban-rural income gap"),
        T("县域城镇化", "county urbanization"), T("城市群", "urban agglomeration"), T("小城镇", "small towns"),
        T("城乡一体化", "urban-rural integrated development")),
        weight_cn=3.0, weight_en=1.2, countries=(("China", 8), ("USA", 1), ("UK", 0.7), ("Australia", 0.5))),
    Topic("rural revitalization and rural governance", (
        T("乡村治理", "rural governance"), T("乡村旅游", "rural tourism"), T("乡村规划", "village planning"),
        T("农村电商", "rural e-commerce"), T("乡村产业", "rural industries"), T("农民增收", "farmer income"),
        T("集体经济", "collective economy"), T("乡村文化", "rural culture")),
        weight_cn=3.0, weight_en=1.0, periods=((2017, 2024, 2.0),),
        countries=(("China", 8), ("UK", 0.8), ("Japan", 0.7), ("Netherlands", 0.5))),
    Topic("return migration and migrant workers", (
        T("农民工", "rural migrant workers", (), ("migrant workers",)),
        T("返乡创业", "returnee entrepreneurship"), T("回流迁移", "return migration", ("返乡", "人口回流")),
        T("人口流动", "population mobility"), T("县域经济", "county economy"),
        T("留守儿童", "left-behind children"), T("流动人口", "floating population"),
        T("新生代农民工", "new-generation migrant workers"), T("生计", "livelihoods"),
        T("社会融合", "social integration")),
        weight_cn=2.0, weight_en=1.5, countries=(("China", 6), ("USA", 1), ("UK", 1), ("Australia", 0.6))),
    Topic("shrinking cities and suburbanization", (
        T("郊区化", "suburbanization", (), ("suburbanisation",)), T("人口流失", "population loss"),
        T("精明收缩", "smart shrinkage"), T("城市更新", "urban regeneration", (), ("urban renewal",)),
        T("城市蔓延", "urban sprawl"), T("资源型城市", "resource-based cities"),
        T("人口老龄化", "population ageing"), T("空间重构", "spatial restructuring"),
        T("东北地区", "Northeast China")),
        weight_cn=1.5, weight_en=2.0, periods=((2010, 2018, 1.6),),
        countries=(("China", 3), ("Germany", 2), ("USA", 2), ("Japan", 1.5), ("UK", 1), ("Netherlands", 0.6))),
    Topic("land and rural transformation", (
        T("土地流转", "land transfer"), T("宅基地", "rural homesteads"),
        T("乡村空心化", "rural hollowing", ("农村空心化",)), T("农村土地制度", "rural land system"),
        T("耕地保护", "farmland protection"), T("土地整治", "land consolidation"),
        T("乡村转型", "rural transformation"), T("乡村聚落", "rural settlements"),
        T("土地利用转型", "land use transition")),
        weight_cn=2.5, weight_en=1.2, countries=(("China", 9), ("Netherlands", 0.6), ("Australia", 0.4))),
    Topic("pandemic mobility and remote work", (
        T("城市外迁", "urban exodus"), T("人口再分布", "population redistribution"),
        T("住房市场", "housing market"), T("数字游民", "digital nomads"), T("韧性", "resilience"),
        T("乡村生活", "rural living")),
        weight_cn=0.6, weight_en=2.5, periods=((2020, 2024, 1.0),), only_in_periods=True,
        countries=(("UK", 2), ("USA", 2), ("Sweden", 1), ("Australia", 1.2), ("Canada", 1), ("Spain", 0.8),
                   ("Germany", 0.8), ("Netherlands", 0.8), ("China", 1.5), ("New Zealand", 0.5))),
)

_TRENDS = (
    Trend(_COUNTERURB, "counterurbanization and rural in-migration", 2000, 2024, 0.85, 0.08, 0.0),
    Trend(_COORDINATION, "new urbanization and urban-rural integration", 2003, 2012, 0.7, 0.2, 0.02, china_only=True),
    Trend(_NEW_URB, "new urbanization and urban-rural integration", 2014, 2016, 0.9, 0.35, 0.03, china_only=True),
    Trend(_INTEGRATION, "new urbanization and urban-rural integration", 2017, 2024, 0.8, 0.25, 0.02, china_only=True),
    Trend(_BEAUTIFUL, "rural revitalization and rural governance", 2013, 2017, 0.5, 0.05, 0.01, china_only=True),
    Trend(_POVERTY, "rural revitalization and rural governance", 2015, 2020, 0.45, 0.08, 0.01, china_only=True),
    Trend(_TOWNS, "rural revitalization and rural governance", 2016, 2019, 0.4, 0.08, 0.01, china_only=True),
    Trend(_PASTORAL, "rural revitalization and rural governance", 2017, 2020, 0.3, 0.03, 0.0, china_only=True),
    Trend(_REVITAL, "rural revitalization and rural governance", 2018, 2024, 0.9, 0.3, 0.01, china_only=True),
    Trend(_DIGITAL, "rural revitalization and rural governance", 2019, 2024, 0.35, 0.05, 0.0, china_only=True),
    Trend(_PROSPERITY, "rural revitalization and rural governance", 2021, 2024, 0.7, 0.25, 0.0, china_only=True),
    Trend(_SHRINK, "shrinking cities and suburbanization", 2012, 2016, 0.9, 0.2, 0.03),
    Trend(_COVID, "pandemic mobility and remote work", 2020, 2023, 0.95, 0.15, 0.0),
    Trend(_REMOTE, "pandemic mobility and remote work", 2020, 2023, 0.7, 0.06, 0.0),
)

_GENERIC = (
    T("影响因素", "influencing factors"), T("时空演变", "spatio-temporal evolution"),
    T("耦合协调", "coupling coordination"), T("驱动机制", "driving mechanism"),
    T("空间格局", "spatial pattern"), T("案例研究", "case study"), T("中国", "China"),
    T("面板数据", "panel data"), T("质性研究", "qualitative research"), T("政策评估", "policy evaluation"),
)

_ASPECTS = (
    T("路径", "pathways"), T("机制", "mechanisms"), T("效应", "effects"), T("模式", "models"),
    T("格局", "patterns"), T("政策", "policy"), T("治理", "governance"), T("转型", "transition"),
    T("绩效", "performance"), T("评价", "assessment"), T("差异", "disparities"), T("韧性", "resilience"),
    T("动力", "dynamics"), T("空间效应", "spatial effects"), T("规划", "planning"),
)

_METHODS = (
    T("地理探测器", "geographical detector"), T("空间计量模型", "spatial econometric model"),
    T("熵值法", "entropy weight method"), T("耦合协调度模型", "coupling coordination degree model"),
    T("双重差分法", "difference-in-differences"), T("扎根理论", "grounded theory"),
    T("核密度估计", "kernel density estimation"), T("社会网络分析", "social network analysis"),
    T("半结构化访谈", "semi-structured interviews"), T("问卷调查", "questionnaire survey"),
    T("多层线性模型", "multilevel model"), T("地理加权回归", "geographically weighted regression"),
)

#: (English, Chinese) title templates. Slots: {a} {b} {c} keywords ({A}: capitalised),
#: {P} place, {m} method, {y0} {y1} years.
_TITLES = (
    ("{A} and {b}: evidence from {P}", "{a}与{b}：来自{P}的证据"),
    ("How does {a} shape {b}? A case study of {P}", "{a}如何影响{b}？——以{P}为例"),
    ("Spatio-temporal patterns and drivers of {a} in {P}", "{P}{a}的时空格局及驱动因素"),
    ("Rethinking {a} in the context of {b}", "{b}背景下{a}的再思考"),
    ("The coupling of {a} and {b} in {P}, {y0}-{y1}", "{y0}—{y1}年{P}{a}与{b}的耦合关系"),
    ("{A}, {b} and {c}: a mixed-methods study in {P}", "{a}、{b}与{c}：基于{P}的混合方法研究"),
    ("Beyond {a}: {b} and the changing countryside of {P}", "超越{a}：{P}的{b}与乡村变迁"),
    ("Measuring {a} with a {m}: the case of {P}", "基于{m}的{P}{a}测度"),
    ("{A} under {b}: mechanisms and policy implications", "{b}下的{a}：机制与政策启示"),
    ("Can {a} narrow the gap in {b}? Evidence from {P}", "{a}能否缩小{b}差距？来自{P}的证据"),
    ("The geography of {a}: progress and prospects", "{a}的地理学研究进展与展望"),
    ("{A} and {c} in {P}: a {m} analysis", "{P}{a}与{c}：基于{m}的分析"),
    ("Understanding {a} through the lens of {b} in {P}", "{b}视角下{P}{a}的理解"),
    ("Regional differences in {a} and {b} across {P}, {y0}-{y1}", "{y0}—{y1}年{P}{a}与{b}的区域差异"),
)

_SENTENCES_EN = (
    "{A} has become a central theme in debates on urban-rural relations.",
    "This paper examines the relationship between {a} and {b} in {P}.",
    "Drawing on a {m} and data for {n} counties, we analyse {a} between {y0} and {y1}.",
    "The results show that {a} is spatially clustered and closely associated with {b}.",
    "We find that {b} significantly strengthens {a}, although the effect varies across regions.",
    "Using a {m}, the study identifies the main drivers of {a}.",
    "{A} is shaped by {b}, {c} and local institutional arrangements.",
    "Interviews with {n} households reveal how {a} is experienced in everyday life.",
    "The findings challenge the assumption that {a} is a temporary phenomenon.",
    "Policy makers should integrate {a} into strategies for {b}.",
    "The paper contributes to the literature on {a} by linking it to {b}.",
    "Our analysis highlights marked differences between core and peripheral areas of {P}.",
    "These patterns suggest a gradual shift from {b} towards {a}.",
    "Implications for planning and for future research on {c} are discussed.",
    "Compared with earlier periods, {a} accelerated after {y1}.",
    "The study area experienced rapid change in {b} during the observation period.",
    "A {m} is applied to survey data from {n} respondents in {P}.",
    "Further work should address the role of {c} in shaping {a}.",
    "Households with stronger ties to the countryside were more likely to report {a}.",
    "The evidence points to a close but uneven link between {b} and {c}.",
)

_SENTENCES_CN = (
    "{a}是当前我国城乡关系转型的重要议题。",
    "本文基于{n}个县域的面板数据，运用{m}，分析了{P}{a}的时空格局及其影响因素。",
    "研究发现：{P}{a}呈现明显的空间集聚特征，且与{b}存在显著关联。",
    "{b}对{a}具有显著的正向影响，但存在明显的区域差异。",
    "应以{a}为抓手，推动{b}与{c}协同发展。",
    "研究结果可为{a}相关政策的制定提供参考。",
    "通过对{n}户农户的问卷调查与深度访谈，揭示了{a}的微观机制。",
    "{y0}—{y1}年间，{P}{a}水平总体上升，{b}的作用逐步增强。",
    "{a}的形成受到{b}、{c}以及地方制度安排的共同影响。",
    "文章从{b}视角出发，构建了{a}的分析框架。",
    "结果表明，核心区与边缘区之间的{a}差异显著。",
    "未来研究应进一步关注{c}在{a}过程中的作用。",
    "采用{m}识别了{a}的主要驱动因素。",
    "{a}与{b}的耦合协调度呈“先升后稳”的态势。",
    "在此基础上，提出了促进{a}的对策建议。",
    "{P}的实践表明，{b}是推动{a}的关键路径。",
)

_KEYWORDS_PLUS = (
    "MIGRATION", "URBANIZATION", "CHINA", "POLICY", "GENTRIFICATION", "MOBILITY", "CITY", "GROWTH",
    "LAND-USE", "DYNAMICS", "PERSPECTIVE", "GEOGRAPHY", "AREAS", "PLACE", "IMPACTS", "GOVERNANCE",
    "HOUSING", "COUNTRYSIDE", "POPULATION", "DETERMINANTS", "INEQUALITY", "DECLINE", "TRANSFORMATION",
    "EMPLOYMENT", "RESIDENTIAL MOBILITY", "RURAL AREAS", "SUBURBS", "TOURISM", "IDENTITY", "HUKOU",
)

#: The default vocabulary: counter-urbanization and urban–rural integration.
COUNTERURBANIZATION = Vocabulary(
    topics=_TOPICS, trends=_TRENDS, generic=_GENERIC, aspects=_ASPECTS, methods=_METHODS,
    titles=_TITLES, sentences_en=_SENTENCES_EN, sentences_cn=_SENTENCES_CN, keywords_plus=_KEYWORDS_PLUS,
)
