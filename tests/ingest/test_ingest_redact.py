"""redact: every identifier kind goes, ordinary numbers stay."""
from __future__ import annotations

import pytest

from counterwatch.ingest import redact

# An ID number with a valid shape (area 330106, born 1990-03-07); made up for the test.
RESIDENT_ID = "33010619900307123X"


@pytest.mark.parametrize("text,expected", [
    ("For comment call +1 (432) 553-1080 before noon.", "For comment call [phone] before noon."),
    ("The vendor's desk is on +86 571 8765 4321.", "The vendor's desk is on [phone]."),
    ("Reach the office at (432) 553-1080.", "Reach the office at [phone]."),
    ("Dial 432-553-1080 for the hotline.", "Dial [phone] for the hotline."),
    ("有问题请拨打13812345678咨询。", "有问题请拨打[phone]咨询。"),
    ("值班手机：139 1234 5678", "值班手机：[phone]"),
    ("办公室座机0571-88888888，工作日接听。", "办公室座机[phone]，工作日接听。"),
    ("咨询（010）62345678转806", "咨询[phone]"),
    ("咨询(010)62345678。", "咨询[phone]。"),
    ("联系电话：0571-87654321、13912345678", "联系电话：[phone]、[phone]"),
    ("电话：87654321", "电话：[phone]"),
    ("传真：0571-87654322", "传真：[phone]"),
    ("Tel: 2345 6789 / Fax: 020-23456789", "Tel: [phone] / Fax: [phone]"),
    ("Phone 400-123-4567", "Phone [phone]"),
])
def test_phone_numbers(text, expected):
    assert redact(text)[0] == expected


@pytest.mark.parametrize("text,expected", [
    ("Send tips to tips.desk@example.org today", "Send tips to [email] today"),
    ("邮箱：caigou_2019@mail.example.com.cn。", "邮箱：[email]。"),
    ("邮箱 someone＠example.cn", "邮箱 [email]"),
])
def test_email_addresses(text, expected):
    assert redact(text) == (expected, 1)


def test_email_made_of_digits_is_one_email():
    assert redact("QQ邮箱13812345678@qq.com") == ("QQ邮箱[email]", 1)


@pytest.mark.parametrize("text,expected", [
    (f"投标人代表身份证号：{RESIDENT_ID}。", "投标人代表身份证号：[id-number]。"),
    (f"证号 {RESIDENT_ID.lower()} 已登记", "证号 [id-number] 已登记"),
    ("公民身份号码 110101198001011234", "公民身份号码 [id-number]"),
    ("护照号码：E12345678", "护照号码：[id-number]"),
    ("Passport No. G87654321 was shown", "Passport No. [id-number] was shown"),
    ("证件号码：K1234567", "证件号码：[id-number]"),
])
def test_identity_and_passport_numbers(text, expected):
    assert redact(text)[0] == expected


@pytest.mark.parametrize("text,expected", [
    ("联系人：张三", "联系人：[name]"),
    ("项目联系人：李小红  电话：0571-88888888", "项目联系人：[name]  电话：[phone]"),
    ("采购人联系人：王先生，13812345678", "采购人联系人：[name]，[phone]"),
    ("经办人：赵 六", "经办人：[name]"),
    ("负责人：欧阳明月。", "负责人：[name]。"),
    ("联系人：陈工电话：13812345678", "联系人：[name]电话：[phone]"),
    ("联系人：周一、吴二", "联系人：[name]、[name]"),
    ("负责人\t刘伟", "负责人\t[name]"),
    ("| 项目联系人 | 孙丽 | 联系电话 | 86001234 |", "| 项目联系人 | [name] | 联系电话 | [phone] |"),
    ("联系人：\n郑强", "联系人：\n[name]"),
    ("Contact: Jane Doe, Communications", "Contact: [name], Communications"),
    ("Contact person: Mr. Smith", "Contact person: [name]"),
])
def test_contact_names_after_labels(text, expected):
    assert redact(text)[0] == expected


@pytest.mark.parametrize("text", [
    "项目负责人：须具有机电工程一级注册建造师资格",
    "负责人：待定",
    "负责人 组织实施本项目",
    "Contact: Media Relations Office",
    "Contact: Reuters",
    "Mr. Smith bought 40 cameras",
])
def test_label_followers_that_are_not_names_stay(text):
    assert redact(text) == (text, 0)


@pytest.mark.parametrize("text", [
    "中标金额：2955900.00元（人民币贰佰玖拾伍万伍仟玖佰元整）",
    "The force bought 1,800 cameras for US$3.5m in 2019.",
    "公告日期：2019-10-09，开标时间2019年10月9日9:30",
    "项目编号：ZJ-2019-0123；采购计划编号：HZCG2019-118；合同编号 0612-204129",
    "采购项目编号：0571-20190123",
    "Reference No. 432-553-1080",
    "同比增长35.5%，覆盖率达到99%",
    "The contract was worth 1,600,000,000 shillings, or about 0.5% of the budget.",
    "预算金额13500000000元",
    "总价 13812345678 元",
    "IP 地址 192.168.100.200",
    "Population 1.4 billion; 626 million cameras by 2020; 110,000 profiles.",
    "型号 DS-2CD3T46WD-I3，分辨率 2560×1440，存储 30 天",
])
def test_ordinary_numbers_are_not_redacted(text):
    assert redact(text) == (text, 0)


def test_counts_every_redaction():
    text = "联系人：张三，电话：0571-88888888，手机13812345678，邮箱a.b@example.org"
    redacted, count = redact(text)
    assert count == 4
    assert redacted == "联系人：[name]，电话：[phone]，手机[phone]，邮箱[email]"


def test_empty_text():
    assert redact("") == ("", 0)
