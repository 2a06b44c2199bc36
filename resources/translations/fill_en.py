"""Fill gridkeeper_en.ts with the English for each Chinese source string (run after lupdate).

Usage: pyside6-lupdate ui/*.py ui/pages/*.py -ts resources/translations/gridkeeper_en.ts
       python resources/translations/fill_en.py
       pyside6-lrelease resources/translations/gridkeeper_en.ts
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ENGLISH = {
    "GridKeeper 社区网格走访台账": "GridKeeper community grid visits",
    "下次应访": "Next due",
    "与户主关系": "Relation",
    "人员类别": "Categories",
    "人数": "Residents",
    "仅逾期": "Overdue only",
    "住户台账": "Households",
    "住户：%1 户": "Households: %1",
    "保存 (Ctrl+S)": "Save (Ctrl+S)",
    "全部状态": "All statuses",
    "全部类别": "All categories",
    "全部网格": "All grids",
    "出生日期": "Birth date",
    "删除成员": "Remove resident",
    "删除类别": "Remove category",
    "单元": "Entrance",
    "取消": "Cancel",
    "取消 (Esc)": "Cancel (Esc)",
    "另一处已修改此户：您的修改未保存。请关闭后重新打开以查看最新内容。": (
        "This household was changed elsewhere: your changes were not saved. "
        "Close and reopen it to see the latest version."
    ),
    "各网格、各类别的走访完成率和诉求三率。": (
        "Visit completion per grid and category; response, resolution and satisfaction rates."
    ),
    "地址": "Address",
    "备注": "Notes",
    "姓名": "Name",
    "姓名、拼音首字母、电话或身份证尾号、地址（如 3-2-501）": (
        "Name, pinyin initials, phone or ID tail, address (e.g. 3-2-501)"
    ),
    "家庭成员": "Residents",
    "小区": "Estate",
    "层": "Floor",
    "工作台": "Dashboard",
    "建设中：此页面将在第二期实现": "Under construction: this page comes in part 2",
    "当前用户：%1": "User: %1",
    "性别": "Gender",
    "截止日期": "Valid to",
    "户主": "Head",
    "户编号": "Code",
    "户联系电话": "Household phone",
    "所选成员的人员类别": "Categories of the selected resident",
    "按楼栋、单元、楼层的分色住户图。": "Colour-coded map of each building by entrance and floor.",
    "数据库：%1": "Database: %1",
    "新建住户": "New household",
    "新建住户 (Ctrl+N)": "New household (Ctrl+N)",
    "暂停至": "Suspended until",
    "最近走访": "Last visit",
    "本周应访、逾期户数和待办诉求一览。": (
        "This week's due and overdue households and open needs at a glance."
    ),
    "本周走访": "This week",
    "本周走访名单：打印、回填走访结果。": "This week's roster: print it, enter the results.",
    "楼": "Building",
    "楼栋图": "Building chart",
    "残疾等级": "Disability grade",
    "残疾类别": "Disability kind",
    "民情日志：走访记录的录入、查询和点评。": "Visit log: enter, search and review visits.",
    "民情诉求": "Needs",
    "添加成员": "Add resident",
    "添加类别": "Add category",
    "状态": "Status",
    "电话": "Phone",
    "界面语言、字体、账户和备份设置。": "Language, fonts, accounts and backups.",
    "统计报表": "Reports",
    "编辑住户": "Edit household",
    "网格": "Grid",
    "网格 / 楼栋": "Grid / building",
    "设置": "Settings",
    "诉求台账：受理、转办、回访，直至办结。": "Needs ledger: receive, refer, call back, until closed.",
    "责任人": "Assigned worker",
    "走访记录": "Visits",
    "起始日期": "Valid from",
    "身份证号": "ID number",
    "适用规则": "Governing rule",
    "长期": "open-ended",
    "门牌": "Room",
    "选择一户查看详情": "Select a household to see its details",
    "适用规则及原因": "Why this rule governs",
    "逾期，应于": "Overdue since",
    "暂无走访记录": "No visits yet",
    "未办结诉求": "Open needs",
    "无": "None",
    "请再输入一个字母": "Type one more letter",
    "视力": "sight",
    "听力": "hearing",
    "言语": "speech",
    "肢体": "physical",
    "智力": "intellectual",
    "精神": "mental",
    "多重": "multiple",
    "编辑": "Edit",
}
PLURALS = {"共 %n 户": ("%n household", "%n households")}


def fill(path: Path) -> list[str]:
    tree = ET.parse(path)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if source in PLURALS:
            for child in list(translation):
                translation.remove(child)
            for form in PLURALS[source]:
                ET.SubElement(translation, "numerusform").text = form
            translation.attrib.pop("type", None)
        elif source in ENGLISH:
            translation.text = ENGLISH[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    left = fill(Path(__file__).with_name("gridkeeper_en.ts"))
    if left:
        print("untranslated:", *left, sep="\n  ")
        sys.exit(1)
