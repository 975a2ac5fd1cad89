#!/usr/bin/env python3
"""Generates the illustrative sample year data/2023-01 … data/2023-12.

The figures are made up to look like a real year of the 2023 Shuangpai plan
(seeds/2023.toml); they are not official statistics. The script is deterministic:
run it again and the files come out byte for byte the same.

    python3 scripts/gen_sample_data.py            # writes data/ under the repo root
    python3 scripts/gen_sample_data.py OUT_DIR    # writes OUT_DIR/2023-01 …

What the year looks like:
  * most items on schedule, a few done early (一网通办 by June, ICU beds by March,
    饮用水水源地 by September, 湘易办 users by October);
  * a few items fall behind and catch up in different months, as a real year goes
    (STORIES below: streaks of one to four months, items caught up, one item
    behind again later); their departments state problems and next steps only
    while they lag;
  * one seriously behind for most of the year and escalated (挂牌督办):
    新增城区公共停车位 (land acquisition stalled), done in December;
  * the urban dibao standard raised 600 → 650 元/月 from July (rural 4600 → 5016
    元/年 and the disability subsidies likewise), orphans' standards from April;
  * grain, hogs and vegetables following the plan's seasonal schedules;
  * 县林业局 files nothing for 2023-05;
  * 县林业局 2023-03 and 县水利局 2023-08 saved as GBK (GB18030 bytes) as Excel does
    on Chinese Windows, 县人社局 2023-06 with a title row above the header, the
    power company files named with the seed's other spelling 国网双牌供电公司.
"""

import csv
import io
import math
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
YEAR = 2023
HEADER = ["事项编号", "指标", "累计完成", "状态", "进展情况", "存在问题", "下步计划"]

# (item, indicator, unit name, kind, target, unit, profile)
# profile: ("steady", k) value = target·min(1, k·m/12); ("early", months) done by then;
# ("story",) the month-by-month course in STORIES; ("steps", {month: value});
# ("schedule", [..]); ("level", baseline, target, from_month); ("maintain", [12 values]);
# ("milestone", mode), mode "story" following STORIES too
IND = [
    ("1.1", "jobs", "县人社局", 3200, "人", ("steady", 1.08)),
    ("1.2", "training", "县人社局", 100, "%", ("milestone", "steady")),
    ("2.1", "users", "县政务服务中心", 80000, "户", ("early", 10)),
    ("2.1", "one_net_items", "县政务服务中心", 100, "个", ("early", 6)),
    ("2.1", "e_licenses", "县政务服务中心", 35, "类", ("steady", 1.0)),
    ("3.1", "urban_dibao", "县民政局", 650, "元/月", ("level", 600, 650, 7)),
    ("3.1", "rural_dibao", "县民政局", 5016, "元/年", ("level", 4600, 5016, 7)),
    ("3.1", "living_subsidy", "县民政局", 80, "元/月·人", ("level", 75, 80, 7)),
    ("3.1", "care_subsidy", "县民政局", 80, "元/月·人", ("level", 75, 80, 7)),
    ("3.1", "orphan_scattered", "县民政局", 1100, "元/月", ("level", 950, 1100, 4)),
    ("3.1", "orphan_institution", "县民政局", 1500, "元/月", ("level", 1350, 1500, 4)),
    ("4.1", "retrofit_homes", "县民政局", 94, "户", ("story",)),
    ("5.1", "screenings", "县妇联", 2800, "人", ("story",)),
    ("6.1", "rehab_children", "县残联", 45, "名", ("steady", 1.0)),
    ("6.1", "barrier_free", "县残联", 50, "户", ("steady", 1.02)),
    ("7.1", "xu_teli", "县教育局", 100, "%", ("milestone", "story")),
    ("7.2", "kindergarten_places", "县教育局", 90, "个", ("steps", {3: 30, 6: 50, 9: 90})),
    ("8.1", "outpatient_hospitals", "县医保局", 2, "家", ("steps", {3: 1, 7: 2})),
    ("8.1", "chronic_diseases", "县医保局", 2, "个", ("steady", 1.0)),
    ("8.1", "agency_coverage", "县医保局", 100, "%", ("milestone", "steady")),
    ("9.1", "areas", "县住建局", 19, "个", ("steady", 1.0)),
    ("9.1", "estates", "县住建局", 45, "个", ("steady", 1.0)),
    ("9.2", "meter_estates", "国网双牌县供电公司", 2, "个", ("steady", 1.0)),
    ("10.1", "road_upgrade", "县交通运输局", 31, "公里", ("steady", 1.05)),
    ("10.1", "road_safety", "县交通运输局", 19, "公里", ("steady", 1.0)),
    ("10.1", "trunk_safety", "县交通运输局", 100, "%", ("milestone", "steady")),
    ("10.2", "forest_road", "县林业局", 10, "公里", ("steady", 1.0)),
    ("10.3", "grid_upgrade", "国网双牌县供电公司", 100, "%", ("milestone", "early")),
    ("10.4", "fiber_ports", "县科工信局", 1579, "个", ("story",)),
    ("10.5", "base_stations", "县科工信局", 62, "个", ("steady", 1.0)),
    ("10.6", "reservoir_storage", "县水利局", 60000, "方", ("story",)),
    ("10.6", "small_source_storage", "县水利局", 80000, "方", ("steady", 1.02)),
    ("10.7", "water_sources", "市生态环境局双牌分局", 12, "个", ("early", 9)),
    ("11.1", "diabetes_center", "县卫健局", 1, "个", ("steps", {2: 1})),
    ("11.1", "standard_clinics", "县卫健局", 11, "个", ("steady", 1.0)),
    ("11.1", "emergency_stations", "县卫健局", 2, "个", ("steps", {2: 1, 6: 2})),
    ("12.1", "parking", "县城管局", 200, "个", ("story",)),
    ("13.1", "pension_injury_unemployment", "县人社局", 100, "%", ("milestone", "steady")),
    ("13.1", "medical_insurance", "县医保局", 100, "%", ("milestone", "steady")),
    ("13.1", "contributions", "县税务局", 100, "%", ("milestone", "steady")),
    ("14.1", "price_subsidy", "县发改局", 100, "%", ("milestone", "steady")),
    ("15.1", "icu_beds", "县卫健局", 12, "张", ("early", 3)),
    ("15.1", "convertible_icu_beds", "县卫健局", 12, "张", ("early", 3)),
    ("16.1", "vocational_schools", "县教育局", 100, "%", ("milestone", "story")),
    ("17.1", "air_quality", "市生态环境局双牌分局", 90, "%",
     ("maintain", [93.5, 91.2, 90.8, 91.6, 92.3, 93.0, 93.4, 93.1, 92.8, 92.5, 92.2, 92.6])),
    ("17.1", "water_sections", "市生态环境局双牌分局", 100, "%", ("maintain", [100] * 12)),
    ("18.1", "grain_reserve", "县发改局", 1350, "吨",
     ("maintain", [1352, 1352, 1355, 1355, 1360, 1360, 1358, 1358, 1365, 1365, 1362, 1362])),
    ("18.1", "finished_grain", "县发改局", 400, "吨",
     ("maintain", [402, 405, 403, 401, 404, 406, 402, 403, 405, 407, 404, 410])),
    ("18.1", "pork_reserve", "县发改局", 30, "吨", ("maintain", [31, 31, 30, 30, 30, 30, 30, 30, 31, 31, 32, 32])),
    ("18.1", "hogs", "县农业农村局", 320000, "头",
     ("schedule", [0.08, 0.16, 0.25, 0.33, 0.41, 0.5, 0.58, 0.66, 0.75, 0.83, 0.91, 1.0])),
    ("18.1", "grain_area", "县农业农村局", 219000, "亩",
     ("schedule", [0.0, 0.0, 0.05, 0.3, 0.55, 0.75, 0.95, 1.0, 1.0, 1.0, 1.0, 1.0])),
    ("18.1", "grain_output", "县农业农村局", 76000, "吨",
     ("schedule", [0.0, 0.0, 0.0, 0.0, 0.02, 0.05, 0.25, 0.45, 0.65, 0.85, 1.0, 1.0])),
    ("18.1", "vegetable_area", "县农业农村局", 105000, "亩",
     ("schedule", [0.06, 0.13, 0.24, 0.35, 0.44, 0.52, 0.6, 0.69, 0.8, 0.89, 0.95, 1.0])),
    ("18.2", "supply", "县发改局", 100, "%", ("milestone", "ongoing")),
    ("18.3", "price_monitoring", "县发改局", 100, "%", ("milestone", "ongoing")),
    ("18.4", "logistics", "县交通运输局", 100, "%", ("milestone", "ongoing")),
    ("19.1", "livelihood_funds", "县财政局", 100, "%", ("milestone", "ongoing")),
]

# The items that lag at some point of the year, as the gap to time progress
# (m/12) in percentage points, January to December: below -1 is 滞后 (the plan's
# tolerance is 1 point), -20 or below 严重滞后, 0 or more 按序时. Each is a story a
# notice would tell: when it fell behind, for how long, when it caught up.
STORIES = {
    # behind February to May (4 months), caught up in June; behind again in
    # September and October, caught up in November.
    "retrofit_homes": [0, -3, -6, -8, -5, 1, 2, 0, -4, -3, 1, 0],
    # behind April to July (4 months), caught up in August.
    "screenings": [2, 1, 0, -2, -4, -5, -3, 1, 2, 1, 0, 1],
    # behind May to August (June: 2 months in a row), caught up in September.
    "fiber_ports": [0, 0, 1, 0, -3, -6, -7, -4, 0, 2, 1, 0],
    # behind February and March, caught up in April; behind again June to August
    # (June: a new lag, while 农村小水源 of the same item is ahead).
    "reservoir_storage": [0, -2, -3, 0, 1, -7, -5, -2, 1, 0, 0, 0],
    # stalled from February: severely behind from May, escalated (挂牌督办),
    # recovering from September, done in December.
    "parking": [-1, -5, -12, -18, -22, -24, -25, -21, -16, -10, -5, 0],
    # milestone: behind March to June (4 months), caught up in July.
    "xu_teli": [0, 0, -5, -10, -12, -14, 1, 1, 1, 0, 0, 0],
    # milestone: behind in May and June only, caught up in July.
    "vocational_schools": [0, 2, 3, 1, -2, -3, 1, 2, 0, 0, 0, 0],
}


def story_fraction(ind, m):
    """The completion the story gives indicator ind at month m, in [0, 1]."""
    return max(0.0, min(1.0, m / 12 + STORIES[ind][m - 1] / 100))


def lagging(ind, m):
    """Whether the story has ind behind time progress at month m."""
    return ind in STORIES and STORIES[ind][m - 1] < -1


NAMES = {
    "jobs": "城镇新增就业", "training": "补贴性职业技能培训", "users": "“湘易办”用户",
    "one_net_items": "“一网通办”事项", "e_licenses": "可应用电子证照",
    "urban_dibao": "城市低保标准", "rural_dibao": "农村低保标准",
    "living_subsidy": "困难残疾人生活补贴标准", "care_subsidy": "重度残疾人护理补贴标准",
    "orphan_scattered": "散居孤儿基本生活保障标准", "orphan_institution": "集中养育孤儿基本生活保障标准",
    "retrofit_homes": "居家适老化改造", "screenings": "“两癌”免费检查", "rehab_children": "残疾儿童康复救助",
    "barrier_free": "无障碍改造", "xu_teli": "“徐特立项目”", "kindergarten_places": "公办幼儿园学位",
    "outpatient_hospitals": "门诊异地结算定点医疗机构", "chronic_diseases": "门诊慢特病异地结算病种",
    "agency_coverage": "医保经办服务直办帮代办", "areas": "老旧小区改造片区", "estates": "老旧小区改造",
    "meter_estates": "“一户一表”改造接收", "road_upgrade": "农村公路提质改造",
    "road_safety": "农村公路安防设施", "trunk_safety": "普通国省道安防精细化提升",
    "forest_road": "林路养护", "grid_upgrade": "村网配电网改造升级", "fiber_ports": "千兆光纤端口",
    "base_stations": "农村基站", "reservoir_storage": "小型水库除险加固", "small_source_storage": "农村小水源",
    "water_sources": "饮用水水源地整治", "diabetes_center": "糖尿病标准化防控中心",
    "standard_clinics": "糖尿病标准化门诊", "emergency_stations": "急救站", "parking": "城区公共停车位",
    "pension_injury_unemployment": "社会保险扩面", "medical_insurance": "基本医疗保险全民参保",
    "contributions": "社会保险费征缴", "price_subsidy": "价格临时补贴发放", "icu_beds": "ICU床位",
    "convertible_icu_beds": "可转换ICU床位", "vocational_schools": "中职学校办学条件达标工程",
    "air_quality": "空气质量优良率", "water_sections": "国考断面水质达标比例", "grain_reserve": "储备粮",
    "finished_grain": "成品粮储备", "pork_reserve": "猪肉储备", "hogs": "生猪出栏",
    "grain_area": "粮食播种面积", "grain_output": "粮食产量", "vegetable_area": "蔬菜播种面积",
    "supply": "生活物资保供", "price_monitoring": "价格监测与监管执法", "logistics": "重要民生商品运输保畅",
    "livelihood_funds": "民生资金保障",
}

PROBLEMS = {
    "parking": "部分停车场地块征地拆迁未完成，用地协调难度大，建设进度明显滞后。",
    "retrofit_homes": "部分困难老年人对改造意愿不强，入户评估进度偏慢。",
    "screenings": "农村适龄妇女外出务工较多，集中筛查组织难度较大。",
    "fiber_ports": "部分偏远村组光缆架设受山区地形影响，施工周期较长。",
    "reservoir_storage": "汛期施工窗口短，个别水库除险加固项目资金到位较慢。",
    "xu_teli": "项目选址和前期手续仍在报批，建设资金尚未完全落实。",
    "vocational_schools": "实训设备采购招标周期较长。",
}

NEXT = [
    "加强调度，按月推进，确保完成全年目标任务。",
    "压实责任，强化督导，加快项目实施进度。",
    "加强与上级部门对接，争取政策和资金支持。",
    "做好数据统计核实，确保数据真实准确。",
]

NEXT_BEHIND = {
    "parking": "成立工作专班，加快征地拆迁和用地报批，力争四季度集中开工。",
    "retrofit_homes": "逐户上门宣传动员，加快评估和施工进度。",
    "screenings": "利用春节、农闲时节组织集中筛查，扩大覆盖面。",
    "fiber_ports": "协调运营商增加施工队伍，倒排工期推进。",
    "reservoir_storage": "抢抓枯水期施工，加快资金拨付。",
    "xu_teli": "加快前期手续办理，积极争取省市资金支持。",
    "vocational_schools": "加快设备采购进度，同步推进校舍改造。",
}


def cumulative(target, profile, m, ind=None):
    kind = profile[0]
    if kind == "story":
        f = story_fraction(ind, m)
        # Round toward the story's side of time progress, so a gap of 0 is on
        # track and a lag stays a lag.
        v = target * f
        return math.floor(v) if lagging(ind, m) else math.ceil(v - 1e-9)
    if kind == "steps":
        v = 0
        for month, val in sorted(profile[1].items()):
            if m >= month:
                v = val
        return v
    if kind == "schedule":
        return round(target * profile[1][m - 1] * 1.01)
    if kind == "early":
        f = min(1.0, m / profile[1])
    else:  # steady
        f = min(1.0, profile[1] * m / 12)
    if target <= 100:
        return min(target, math.ceil(target * f - 1e-9))
    return round(target * f)


def milestone(mode, m, ind=None):
    """(percent or None, status)"""
    if mode == "story":
        p = round(story_fraction(ind, m) * 100)
        if p == 0:
            return (None, "未启动")
        return (100, "已完成") if p >= 100 else (p, "推进中")
    if mode == "steady":
        p = min(100, round(m / 12 * 100 + 3))
        return (100, "已完成") if m == 12 else (p, "推进中")
    if mode == "early":
        p = min(100, round(m / 10 * 100))
        return (p, "已完成" if p >= 100 else "推进中")
    # ongoing work: in hand every month, closes with the year
    return (100, "已完成") if m == 12 else (round(m / 12 * 100), "推进中")


def fmt(v):
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v)


def rows_for(unit, m):
    out = []
    for k, (item, ind, who, target, unit_m, profile) in enumerate(IND):
        if who != unit:
            continue
        if ind in STAGES:  # staged milestones: one row per stage (issue 13)
            out.extend(stage_rows(item, ind, m))
            continue
        name = NAMES[ind]
        kind = profile[0]
        problems, nxt = "", NEXT[(k + m) % len(NEXT)]
        if kind == "milestone":
            pct, status = milestone(profile[1], m, ind)
            value = "" if pct is None else fmt(pct)
            if status == "未启动":
                progress = f"{name}正在开展前期调研和方案编制。"
            elif status == "已完成":
                progress = f"{name}全年工作任务已完成。"
            else:
                progress = f"{name}有序推进，已完成年度工作量的{pct}%。"
            if lagging(ind, m):
                problems, nxt = PROBLEMS[ind], NEXT_BEHIND[ind]
        elif kind == "level":
            _, base, tgt, frm = profile
            v = tgt if m >= frm else base
            value = fmt(v)
            status = "推进中"
            if m >= frm:
                progress = f"自{YEAR}年{frm}月起{name}由{base}{unit_m}提高到{tgt}{unit_m}，已按新标准发放。"
            else:
                progress = f"现行{name}为{base}{unit_m}，提标方案已报县政府审定。"
        elif kind == "maintain":
            v = profile[1][m - 1]
            value = fmt(v)
            status = "推进中"
            progress = f"截至{m}月底，{name}为{fmt(v)}{unit_m}，达到目标要求。"
        else:
            v = cumulative(target, profile, m, ind)
            if ind == "road_upgrade" or ind == "road_safety" or ind == "forest_road":
                v = round(target * min(1.0, profile[1] * m / 12), 1)
            status = "已完成" if v >= target else "推进中"
            pct = round(v / target * 100, 1)
            value = fmt(v)
            # Departments type figures their own way; the reader takes them all.
            if ind == "users" and m % 3 == 0:
                value = f"{v / 10000:g}万"
            elif ind == "jobs" and v >= 1000:
                value = f"{v:,}"
            elif ind == "reservoir_storage" and m >= 6:
                value = f"{v / 10000:g}万方"
            progress = f"截至{m}月底，{name}累计完成{fmt(v)}{unit_m}，占年度目标的{fmt(pct)}%。"
            if status == "已完成":
                progress = f"{name}已完成年度目标任务（{fmt(v)}{unit_m}）。"
            if lagging(ind, m):
                problems, nxt = PROBLEMS[ind], NEXT_BEHIND[ind]
            elif lagging(ind, m - 1) if m > 1 else False:
                progress += "已赶上序时进度。"

        out.append([item, ind, value, status, progress, problems, nxt])
    return out


# --- Stage nodes (issue 13) ------------------------------------------------
# The staged milestones of seeds/2023.toml (stages there are illustrative: the
# seed lists none). Each stage: (name, due month, month it is reported 已完成 or
# None). The story: 电网改造 ahead of its nodes; 医保经办 and 国省道安防 on
# their nodes; 徐特立项目 a month or two behind each node (“开工建设”节点（9月底前）
# 未完成 in September and October); 中职达标 misses 实训设备采购 (due September)
# until December, severely behind from November.
STAGES = {
    "xu_teli": [("完成选址", 3, 4), ("取得施工许可", 6, 8), ("开工建设", 9, 11), ("主体完工", 12, None)],
    "agency_coverage": [("制定经办服务事项清单", 3, 2), ("乡镇全覆盖", 6, 6), ("村（社区）全覆盖", 12, 11)],
    "trunk_safety": [("完成隐患排查和设计", 4, 4), ("开工实施", 7, 6), ("完工验收", 11, 11)],
    "grid_upgrade": [("完成项目批复", 3, 2), ("完成物资招标", 5, 4), ("开工改造", 7, 6), ("完成改造并投运", 12, 10)],
    "vocational_schools": [("完成达标评估", 3, 3), ("制定达标方案", 5, 5), ("完成实训设备采购", 9, 12), ("通过达标验收", 12, None)],
}

# What the unit writes on a stage row once the node has passed undone.
STAGE_WORDS = {
    "完成选址": ("项目选址涉及规划调整，论证时间较长。", "加快选址论证，尽快报县政府审定。"),
    "取得施工许可": ("施工图审查和用地手续仍在办理。", "与自然资源、住建部门对接，并联办理审批手续。"),
    "开工建设": ("施工招标尚未完成，建设资金尚未完全落实。", "加快施工招标，积极争取省市资金支持。"),
    "主体完工": ("冬季施工条件受限，主体工程进度偏慢。", "倒排工期，增加施工力量。"),
    "完成实训设备采购": ("实训设备采购招标周期较长。", "加快设备采购进度，同步推进校舍改造。"),
    "通过达标验收": ("设备采购滞后，影响达标验收。", "设备到位后立即组织自评和验收申请。"),
}


def stage_rows(item, ind, m):
    """Rows of a staged milestone in month m: the stage name in the 指标 column,
    its status in 状态; the stage being worked on carries the words."""
    out = []
    current = next((s for s in STAGES[ind] if s[2] is None or s[2] > m), None)
    for name, due, done in STAGES[ind]:
        progress, problems, nxt = "", "", ""
        if done is not None and done <= m:
            status = "已完成"
            if done == m:
                progress = f"{name}已于{m}月完成。"
        elif current is not None and name == current[0]:
            status = "推进中"
            progress = f"正在推进“{name}”，节点为{due}月底前。"
            if due <= m:
                problems, nxt = STAGE_WORDS[name]
        else:
            status = "未启动"
        out.append([item, name, "", status, progress, problems, nxt])
    return out
# --- end of stage nodes -------------------------------------------------------


def units():
    seen = []
    for _, _, who, _, _, _ in IND:
        if who not in seen:
            seen.append(who)
    return seen


FILE_NAME = {"国网双牌县供电公司": "国网双牌供电公司"}
GBK = {(3, "县林业局"), (8, "县水利局")}
TITLE = {(6, "县人社局")}
MISSING = {(5, "县林业局")}


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "data")
    for m in range(1, 13):
        folder = os.path.join(out_dir, f"{YEAR}-{m:02d}")
        os.makedirs(folder, exist_ok=True)
        for unit in units():
            if (m, unit) in MISSING:
                continue
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\r\n")
            if (m, unit) in TITLE:
                w.writerow([f"{unit}{YEAR}年{m}月民生实事进展表", "", "", "", "", "", ""])
            w.writerow(HEADER)
            for row in rows_for(unit, m):
                w.writerow(row)
            text = buf.getvalue()
            if (m, unit) in GBK:
                data = text.encode("gb18030")
            else:
                data = b"\xef\xbb\xbf" + text.encode("utf-8")
            name = FILE_NAME.get(unit, unit) + ".csv"
            with open(os.path.join(folder, name), "wb") as f:
                f.write(data)


if __name__ == "__main__":
    main()
