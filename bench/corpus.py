"""A reproducible benchmark corpus: English news pages (HTML) and Chinese procurement notices (text and HTML).

Every document is written here from templates and word lists of our own, seeded, so the same
``--seed`` and ``--size`` always give byte-identical files. Sizes follow what real pages weigh (2-20 KB):
a few sentences name a supplier, a technology, a place, an amount or a year; the rest is the ordinary
text around them (council business, weather, sport, procurement boilerplate) that the pipeline must read
past quickly. Supplier and technology names come from the knowledge base, so facts are found.

    python bench/corpus.py OUT_DIR --size 2000 [--seed 7]
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

KB = Path(__file__).resolve().parents[1] / "counterwatch" / "knowledge" / "data"

#: Share of each kind of document, as in a crawl that mixes news with Chinese tender portals.
MIX = (("en_news", 0.45), ("zh_notice_txt", 0.35), ("zh_notice_html", 0.20))
#: Bounds of a document's size in bytes (the issue's "realistic sizes"); sizes are drawn log-uniformly.
MIN_BYTES, MAX_BYTES = 2_000, 20_000
#: Documents per sub-folder: keeps folders listable, as crawls are stored.
PER_FOLDER = 1_000

EN_PLACES = [("Nairobi", "Kenya"), ("Belgrade", "Serbia"), ("Kampala", "Uganda"), ("Harare", "Zimbabwe"),
             ("Quito", "Ecuador"), ("Lahore", "Pakistan"), ("Tashkent", "Uzbekistan"), ("Lusaka", "Zambia"),
             ("Manila", "Philippines"), ("Caracas", "Venezuela"), ("Bishkek", "Kyrgyzstan"), ("Accra", "Ghana")]
EN_VERBS = ["installed", "supplied", "deployed", "delivered", "won a contract to build"]
EN_BUYERS = ["the Ministry of Interior", "the national police", "the city council", "the transport authority"]
EN_FILLER = [
    "The council also discussed the repair of {n} kilometres of road and the timetable for school buses.",
    "Residents at the meeting asked about water tariffs, street lighting and the new market hall.",
    "Rain is expected over the weekend, with temperatures between {n} and {m} degrees.",
    "The national football team will play its next qualifier at home in {month}.",
    "Officials said the budget for the coming year would give priority to health clinics and housing.",
    "Local traders complained that parking fees had doubled since the start of the year.",
    "The opposition spokesperson said the figures had not been audited and called for a public hearing.",
    "A spokesperson for the ministry did not respond to several requests for comment before publication.",
    "Analysts expect inflation to ease to {n} percent by the end of the fiscal year.",
    "The festival drew about {n} thousand visitors over three days, according to the organisers.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]

ZH_CITIES = ["营口市", "大连市", "赣州市", "绍兴市", "遵义市", "襄阳市", "株洲市", "汕尾市", "通辽市", "酒泉市",
             "徐州市", "雅安市", "昆明市", "贵阳市", "喀什市", "和田市"]
ZH_ITEMS = ["抓拍摄像机", "分析服务器", "存储设备", "平台软件", "安装辅材及施工", "交换机", "显示大屏"]
ZH_FILLER = [
    "投标人应具有独立承担民事责任的能力，具有良好的商业信誉和健全的财务会计制度。",
    "本项目不接受联合体投标，中标后不得转包或违法分包。",
    "供应商须在投标截止时间前通过电子交易平台上传加密投标文件，逾期上传的不予受理。",
    "采购人将在评标结束后二个工作日内在指定媒体公告中标结果，公告期限为一个工作日。",
    "对本次招标提出询问，请按以下方式联系，质疑函须使用财政部制定的范本。",
    "资格审查合格的投标人不足三家的，不得评标，采购人将依法重新组织采购。",
    "评标委员会由采购人代表和评审专家组成，成员人数为五人以上单数。",
    "投标保证金以保函形式提交的，保函有效期应不短于投标有效期。",
]


def _kb(name: str) -> list[dict]:
    return yaml.safe_load((KB / f"{name}.yaml").read_text(encoding="utf-8"))


class _Vocabulary:
    def __init__(self):
        suppliers = _kb("suppliers")
        self.suppliers_en = [s["name"] for s in suppliers]
        self.suppliers_zh = [n for s in suppliers for n in s.get("legal_names", []) if "公司" in n] or ["某科技有限公司"]
        technologies = _kb("technologies")
        self.tech_en = [t for tech in technologies for t in tech.get("terms_en", [])[:4]]
        self.tech_zh = [t for tech in technologies for t in tech.get("terms_zh", [])[:4]]


def _target_size(rng: random.Random) -> int:
    return int(MIN_BYTES * (MAX_BYTES / MIN_BYTES) ** rng.random())


def _pad(rng: random.Random, paragraphs: list[str], filler: list[str], size: int, sep: str) -> list[str]:
    """Insert ordinary paragraphs between the informative ones until the text reaches ``size`` bytes."""
    out = list(paragraphs)
    while len(sep.join(out).encode("utf-8")) < size:
        sentences = [rng.choice(filler).format(n=rng.randint(2, 90), m=rng.randint(10, 35),
                                               month=rng.choice(MONTHS)) for _ in range(rng.randint(3, 6))]
        out.insert(rng.randint(1, len(out)), ("" if sep == "\n\n" else " ").join(sentences))
    return out


def english_news(rng: random.Random, vocab: _Vocabulary, size: int) -> str:
    city, country = rng.choice(EN_PLACES)
    supplier, tech, year = rng.choice(vocab.suppliers_en), rng.choice(vocab.tech_en), rng.randint(2014, 2025)
    title = f"{supplier} {tech} project in {city} questioned by lawmakers"
    facts = [
        f"In {year} {supplier} {rng.choice(EN_VERBS)} {tech} for {rng.choice(EN_BUYERS)} in {city}, {country}.",
        f"The contract, worth about ${rng.randint(2, 400)} million, covered {rng.randint(50, 5000)} cameras "
        f"and a command centre.",
        f"Critics say the {tech} system has been used to monitor protesters and journalists.",
    ]
    body = _pad(rng, facts, EN_FILLER, size - 1200, "\n\n")
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body)
    menu = "".join(f'<li class="menu-item"><a href="/category/{w}/">{w.title()}</a></li>'
                   for w in ("politics", "business", "sport", "world", "opinion"))
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{title} - The Daily Ledger</title>'
            f'<script>var ads={{"slot":"top","id":{rng.randint(1, 9999)}}};</script></head><body>'
            f'<header><nav><ul>{menu}</ul></nav></header><main><article><h1>{title}</h1>'
            f'<p class="byline">By staff reporter, {rng.choice(MONTHS)} {rng.randint(1, 28)}, {year}</p>\n'
            f'{paragraphs}\n</article></main><footer><p>Copyright The Daily Ledger. All rights reserved.</p>'
            f'<p>Subscribe to our newsletter for the latest news.</p></footer></body></html>\n')


def chinese_notice(rng: random.Random, vocab: _Vocabulary, size: int) -> tuple[str, str]:
    """A notice as (title, body text)."""
    city, tech = rng.choice(ZH_CITIES), rng.choice(vocab.tech_zh)
    year, supplier = rng.randint(2016, 2025), rng.choice(vocab.suppliers_zh)
    buyer = f"{city}公安局"
    title = f"{buyer}{tech}建设项目中标结果公告"
    rows = "\n".join(f"| {i} | {tech}{item} | {rng.randint(1, 400)} | 台 |"
                     for i, item in enumerate(rng.sample(ZH_ITEMS, 3), start=1))
    lines = [
        f"发布时间：{year}年{rng.randint(1, 12):02d}月{rng.randint(1, 28):02d}日　　来源：政府采购网",
        "一、项目基本情况",
        f"项目编号：ZC-{year}-{rng.randint(1000, 9999)}\n项目名称：{buyer}{tech}建设项目",
        f"采购人：{buyer}\n中标供应商：{supplier}\n中标金额：{rng.randint(20, 3000)}.{rng.randint(0, 99):02d}万元（人民币）",
        f"| 序号 | 标的名称 | 数量 | 单位 |\n{rows}",
        "二、其他补充事宜",
    ]
    return title, "\n\n".join(_pad(rng, lines, ZH_FILLER, size - 600, "\n\n"))


def _notice_html(title: str, body: str) -> str:
    paragraphs = "\n".join(f"<p>{line}</p>" for line in body.split("\n") if line)
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>'
            f'<body><div class="nav"><a href="/">首页</a> &gt; <a href="/cggg/">采购公告</a></div>'
            f'<div class="content"><h2>{title}</h2>\n{paragraphs}\n</div>'
            f'<div class="footer">主办单位：政府采购中心　技术支持：信息中心</div></body></html>\n')


def document(rng: random.Random, vocab: _Vocabulary) -> tuple[str, str]:
    """One document as (file suffix, content)."""
    kind = rng.choices([k for k, _ in MIX], weights=[w for _, w in MIX])[0]
    size = _target_size(rng)
    if kind == "en_news":
        return ".html", english_news(rng, vocab, size)
    title, body = chinese_notice(rng, vocab, size)
    if kind == "zh_notice_txt":
        return ".txt", f"{title}\n\n{body}\n"
    return ".html", _notice_html(title, body)


def generate(out: Path, size: int, seed: int = 7) -> list[Path]:
    """Write ``size`` documents under ``out`` (reusing identical files already there); returns their paths."""
    rng, vocab = random.Random(seed), _Vocabulary()
    paths = []
    for i in range(size):
        suffix, content = document(rng, vocab)
        path = out / f"part{i // PER_FOLDER:03d}" / f"doc{i:06d}{suffix}"
        data = content.encode("utf-8")
        if not (path.exists() and path.stat().st_size == len(data) and path.read_bytes() == data):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", type=int, default=2000, help="number of documents")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.out, args.size, args.seed)
    total = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} documents, {total / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
