<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../ui/pages/audit.py" line="59" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit.py" line="61" />
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit.py" line="65" />
        <source>表（如 household）</source>
        <translation>Table (e.g. household)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit.py" line="67" />
        <source>内容包含…</source>
        <translation>Containing…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit.py" line="74" />
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit.py" line="75" />
        <source>导出 CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit.py" line="86" />
        <source>日期：</source>
        <translation>Dates:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit.py" line="96" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit.py" line="96" />
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit.py" line="96" />
        <source>操作人</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit.py" line="97" />
        <source>表</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit.py" line="97" />
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit.py" line="97" />
        <source>说明</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit.py" line="131" />
        <source>审计日志仅供督导和管理员查看。</source>
        <translation>The audit log is for supervisors and administrators.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit.py" line="135" />
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/audit.py" line="165" />
        <source>共 %n 条</source>
        <translation>
            <numerusform>%n line</numerusform><numerusform>%n lines</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/audit.py" line="209" />
        <source>已导出 %n 条：%2</source>
        <translation>
            <numerusform>%n line exported: %2</numerusform><numerusform>%n lines exported: %2</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit.py" line="166" />
        <source>（显示最新 %1 条）</source>
        <translation> (the newest %1 shown)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit.py" line="188" />
        <source>修改前</source>
        <translation>Before</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit.py" line="188" />
        <source>修改后</source>
        <translation>After</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit.py" line="199" />
        <source>导出审计日志</source>
        <translation>Export the audit log</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit.py" line="214" />
        <source>导出失败：%1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit.py" line="217" />
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
</context>
<context>
    <name>BuildingChartPage</name>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="341" />
        <location filename="../../ui/pages/building_chart.py" line="484" />
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="350" />
        <source>楼栋：</source>
        <translation>Building:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="396" />
        <source>本期已访</source>
        <translation>Visited this period</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="396" />
        <source>应访</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="397" />
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="397" />
        <source>上次未遇</source>
        <translation>Nobody home last time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="390" />
        <location filename="../../ui/pages/building_chart.py" line="491" />
        <location filename="../../ui/pages/building_chart.py" line="518" />
        <source>楼栋图</source>
        <translation>Building chart</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="337" />
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="340" />
        <source>只显示一个类别或标签，如党员家庭分布图</source>
        <translation>Show one category or tag alone, e.g. the party-member map</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="342" />
        <source>楼门联系人…</source>
        <translation>Standing team…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="344" />
        <source>登记本楼的楼门长、民情联络员、社区民警、志愿者、党员及电梯情况</source>
        <translation>Record the building's stairwell heads, liaisons, police officer, volunteers, party members and whether it has a lift</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="352" />
        <source>图层：</source>
        <translation>Layer:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="395" />
        <source>空置/迁出</source>
        <translation>Empty / moved out</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="439" />
        <source>没有楼栋</source>
        <translation>No buildings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="442" />
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/building_chart.py" line="450" />
        <source>%n 户</source>
        <translation>
            <numerusform>%n household</numerusform><numerusform>%n households</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="459" />
        <source>电梯情况未登记</source>
        <translation>Lift not recorded</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="460" />
        <source>有电梯</source>
        <translation>Has a lift</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="460" />
        <source>无电梯</source>
        <translation>No lift</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="511" />
        <source>%1 %2号楼</source>
        <translation>%1 building %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="523" />
        <source>日期：%1</source>
        <translation>Date: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="531" />
        <source>%1单元：</source>
        <translation>Stairwell %1: </translation>
    </message>
</context>
<context>
    <name>BuildingMap</name>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="244" />
        <source>%1单元</source>
        <translation>Entrance %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="248" />
        <source>楼门长 %1</source>
        <translation>Stairwell head %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="253" />
        <source>%1层</source>
        <translation>Floor %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="266" />
        <source>空置</source>
        <translation>Empty</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="298" />
        <source>%1室：未登记住户</source>
        <translation>Room %1: no household registered</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="300" />
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="301" />
        <source>%1 %2室
户主：%3
人口：%4
类别：%5
状态：%6
上次走访：%7</source>
        <translation>%1 room %2
Head: %3
Residents: %4
Categories: %5
Status: %6
Last visit: %7</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="305" />
        <source>从未</source>
        <translation>never</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <location filename="../../ui/pages/register/campaigns.py" line="45" />
        <source>专项名单</source>
        <translation>Campaign lists</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/campaigns.py" line="68" />
        <source>不限</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/campaigns.py" line="69" />
        <source>打印完整电话（记入审计日志）</source>
        <translation>Print full phone numbers (written to the audit log)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/campaigns.py" line="75" />
        <source>保存名单</source>
        <translation>Save list</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/campaigns.py" line="77" />
        <source>统计户数</source>
        <translation>Count households</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/campaigns.py" line="78" />
        <source>打印联系名单…</source>
        <translation>Print contact list…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/campaigns.py" line="80" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/campaigns.py" line="83" />
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/campaigns.py" line="85" />
        <source>层</source>
        <translation>Floor</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/campaigns.py" line="88" />
        <source>名单名称</source>
        <translation>List name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/campaigns.py" line="89" />
        <source>楼层</source>
        <translation>Floors</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/campaigns.py" line="91" />
        <source>人员类别（任一）</source>
        <translation>Categories (any of them)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/campaigns.py" line="92" />
        <source>楼栋（不选 = 全部）</source>
        <translation>Buildings (none = all)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/campaigns.py" line="145" />
        <source>名单“%1”已保存</source>
        <translation>List “%1” saved</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/campaigns.py" line="149" />
        <source>正在保存名单…</source>
        <translation>Saving the list…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/campaigns.py" line="157" />
        <source>符合条件：%1 户</source>
        <translation>Matching households: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/campaigns.py" line="163" />
        <source>请先填写名单名称</source>
        <translation>Give the list a name first</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/campaigns.py" line="167" />
        <source>打印联系名单</source>
        <translation>Print contact list</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/campaigns.py" line="175" />
        <source>已打印 %1 户，%2 页：%3</source>
        <translation>Printed (households: %1, pages: %2): %3</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/campaigns.py" line="177" />
        <source>正在打印名单…</source>
        <translation>Printing the list…</translation>
    </message>
</context>
<context>
    <name>CorrectionForm</name>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="412" />
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="415" />
        <source>结果：</source>
        <translation>Outcome:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="416" />
        <source>方式：</source>
        <translation>Method:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="417" />
        <source>走访对象：</source>
        <translation>Who was met:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="417" />
        <source>情况记录：</source>
        <translation>What was seen:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="418" />
        <source>安全检查：</source>
        <translation>Safety check:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="418" />
        <source>困难：</source>
        <translation>Difficulties:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="419" />
        <source>处理措施：</source>
        <translation>Action taken:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="419" />
        <source>处理结果：</source>
        <translation>Result:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="420" />
        <source>后续计划：</source>
        <translation>Follow-up plan:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="423" />
        <source>后续走访日期：</source>
        <translation>Follow-up date:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="424" />
        <source>保存更正</source>
        <translation>Save correction</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="426" />
        <source>更正记入审计日志，在“详情与历史”中可见</source>
        <translation>Corrections go into the audit log and show under “Details and history”</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="449" />
        <source>经抽查回访核实未走访：在“抽查回访”中重新记录回访结果</source>
        <translation>Found not to have happened by a spot check: record the call again under “Spot checks”</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="473" />
        <source>没有改动</source>
        <translation>Nothing changed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="478" />
        <source>更正已保存</source>
        <translation>Correction saved</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="479" />
        <source>正在保存更正…</source>
        <translation>Saving the correction…</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="141" />
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="146" />
        <location filename="../../ui/pages/dashboard.py" line="166" />
        <location filename="../../ui/pages/dashboard.py" line="192" />
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="146" />
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="146" />
        <source>本周应访</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="147" />
        <location filename="../../ui/pages/dashboard.py" line="546" />
        <source>本周已访</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="147" />
        <source>本月完成率</source>
        <translation>Month %</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="178" />
        <source>未办结诉求（按受理至今天数）</source>
        <translation>Open needs, by days since received</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="180" />
        <source>等待</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="180" />
        <location filename="../../ui/pages/dashboard.py" line="193" />
        <source>件数</source>
        <translation>Needs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="180" />
        <source>已超期</source>
        <translation>Past deadline</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="181" />
        <source>临期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="189" />
        <source>热点（同一楼栋同类诉求反复出现，下周名单走访该单元）</source>
        <translation>Hot spots (needs of one kind repeating in one building; its stairwells go on next week's roster)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="192" />
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="192" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="236" />
        <source>工作台</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="407" />
        <source>目前没有热点</source>
        <translation>No hot spots at present</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="416" />
        <source>%1 至 %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="433" />
        <source>本月各网格完成率（%）</source>
        <translation>Completion per grid this month (%)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="160" />
        <source>完成率</source>
        <translation>Completion</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="65" />
        <source>%1（应访日 %2）</source>
        <translation>%1 (due %2)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="66" />
        <source>%1（%2 前）</source>
        <translation>%1 (by %2)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="147" />
        <location filename="../../ui/pages/dashboard.py" line="160" />
        <source>达标</source>
        <translation>On target</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="150" />
        <source>本周应访户数</source>
        <translation>Households due this week</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="150" />
        <source>本周已访次数</source>
        <translation>Visits made this week</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="151" />
        <source>本月完成率：已访次数占应访次数的比例</source>
        <translation>This month's completion: visits made as a share of visits due</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="152" />
        <source>本月是否达到目标完成率</source>
        <translation>Whether this month's completion meets its target</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="159" />
        <location filename="../../ui/pages/dashboard.py" line="167" />
        <source>工作人员</source>
        <translation>Worker</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="159" />
        <source>本月应访</source>
        <translation>Due this month</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="159" />
        <source>已访</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="160" />
        <source>未达标类别</source>
        <translation>Categories behind</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="173" />
        <source>完成率图</source>
        <translation>Chart</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="176" />
        <source>趋势</source>
        <translation>Trend</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="177" />
        <source>点击任一数字或柱形查看对应住户，双击一户打开</source>
        <translation>Click any figure or bar to list its households; double-click one to open it</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="343" />
        <source>本周 %1：应访 %2 户（逾期 %3 户），已访 %4 次；本月 %5 完成率 %6；未达标网格 %7 个，预警 %8 个</source>
        <translation>Week %1: households due %2 (overdue %3), visits done %4; %5 completion %6; grids behind target %7, at risk %8</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="473" />
        <source>近 %1 个月完成率趋势（%）</source>
        <translation>Completion over the last %1 months (%)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="546" />
        <source>%1 · 本周已访</source>
        <translation>%1 · visited this week</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="548" />
        <location filename="../../ui/pages/dashboard.py" line="559" />
        <source>%1 · 本月未完成</source>
        <translation>%1 · not yet done this month</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="553" />
        <location filename="../../ui/pages/dashboard.py" line="589" />
        <source>漏访（周期已过）</source>
        <translation>Missed (period over)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="554" />
        <source>待访（周期未结束）</source>
        <translation>Still due (period running)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="568" />
        <source>未办结诉求</source>
        <translation>Open needs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="569" />
        <source>未办结诉求 · %1</source>
        <translation>Open needs · %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="580" />
        <source>热点 · %1 · %2</source>
        <translation>Hot spot · %1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="588" />
        <source>%1 漏访</source>
        <translation>%1 missed</translation>
    </message>
</context>
<context>
    <name>ErrorLog</name>
    <message>
        <location filename="../../ui/error_log.py" line="165" />
        <source>详细情况已记入日志文件（不含个人信息）：%1</source>
        <translation>The details are in the log file (no personal data): %1</translation>
    </message>
    <message>
        <location filename="../../ui/error_log.py" line="184" />
        <source>此后又发生：%1</source>
        <translation>Then also: %1</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <location filename="../../ui/security/first_start.py" line="27" />
        <source>首次使用：创建管理员账户</source>
        <translation>First start: create the administrator account</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/security/first_start.py" line="28" />
        <source>这是第一次打开此数据库。请创建管理员账户，之后每次打开都需要登录。密码至少 %n 个字符。</source>
        <translation>
            <numerusform>This database is opened for the first time. Create the administrator account; from now on every start asks for a login. The password needs at least %n character.</numerusform><numerusform>This database is opened for the first time. Create the administrator account; from now on every start asks for a login. The password needs at least %n characters.</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/security/first_start.py" line="47" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/security/first_start.py" line="48" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/security/first_start.py" line="49" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/security/first_start.py" line="50" />
        <source>再输入一次</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../ui/security/first_start.py" line="63" />
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../ui/pages/register/handover.py" line="26" />
        <source>移交住户</source>
        <translation>Hand over households</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/handover.py" line="40" />
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/handover.py" line="49" />
        <source>原责任人</source>
        <translation>From worker</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/handover.py" line="50" />
        <source>接手人</source>
        <translation>To worker</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/handover.py" line="51" />
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/handover.py" line="54" />
        <source>移交</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/handover.py" line="55" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/handover.py" line="59" />
        <source>原责任人的全部住户一次移交给接手人，记入审计日志和各户档案。</source>
        <translation>All households of the first worker go to the second in one step, written to the audit log and to each household's history.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/handover.py" line="71" />
        <source>所选网格不在原责任人所在社区（%1）</source>
        <translation>The grid chosen is not in the worker's community (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/handover.py" line="82" />
        <source>正在移交…</source>
        <translation>Handing over…</translation>
    </message>
</context>
<context>
    <name>HouseholdDetail</name>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="42" />
        <source>显示完整证件号和电话</source>
        <translation>Show full ID numbers and phones</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="45" />
        <source>仅显示当前这一户；此操作记入审计日志</source>
        <translation>This household only; written to the audit log</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="49" />
        <source>打印民情日志</source>
        <translation>Print visit log</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="50" />
        <source>这一户某一时期的走访记录和诉求，可打印</source>
        <translation>This household's visits and needs over a period, to print</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="75" />
        <source>选择一户查看详情</source>
        <translation>Select a household to see its details</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="111" />
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="112" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="113" />
        <source>责任人</source>
        <translation>Assigned worker</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="114" />
        <source>家庭成员</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="115" />
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="116" />
        <source>适用规则及原因</source>
        <translation>Why this rule governs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="117" />
        <source>逾期，应于</source>
        <translation>Overdue since</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="118" />
        <source>下次应访</source>
        <translation>Next due</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="119" />
        <source>走访记录</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="120" />
        <source>暂无走访记录</source>
        <translation>No visits yet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="121" />
        <source>未办结诉求</source>
        <translation>Open needs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="122" />
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="123" />
        <source>类别与标签</source>
        <translation>Categories and tags</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="124" />
        <source>楼门联系人</source>
        <translation>Stairwell contacts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="125" />
        <source>户档案变动</source>
        <translation>Household history</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="126" />
        <source>登记日期</source>
        <translation>Registered on</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="127" />
        <source>记录开始前已在册</source>
        <translation>On the register before records began</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/detail.py" line="154" />
        <source>%1年生</source>
        <translation>born %1</translation>
    </message>
</context>
<context>
    <name>HouseholdEditor</name>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="81" />
        <source>新建住户</source>
        <translation>New household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="81" />
        <source>编辑住户</source>
        <translation>Edit household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="108" />
        <source>记录开始前已在册</source>
        <translation>On the register before records began</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="135" />
        <source>小区</source>
        <translation>Estate</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="136" />
        <source>楼</source>
        <translation>Building</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="137" />
        <source>单元</source>
        <translation>Entrance</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="138" />
        <source>层</source>
        <translation>Floor</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="139" />
        <source>门牌</source>
        <translation>Room</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="143" />
        <source>户编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="144" />
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="145" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="146" />
        <source>登记日期</source>
        <translation>Registered on</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="149" />
        <source>暂停至</source>
        <translation>Suspended until</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="153" />
        <location filename="../../ui/pages/register/editor.py" line="168" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="154" />
        <source>户联系电话</source>
        <translation>Household phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="155" />
        <source>责任人</source>
        <translation>Assigned worker</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="156" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="161" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="162" />
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="163" />
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="164" />
        <source>出生日期</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="165" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="166" />
        <source>与户主关系</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="167" />
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="172" />
        <source>有身份证号时自动填写；没有身份证号时请填写，如 1941-05-06</source>
        <translation>Filled in from the ID number; without one, type it, e.g. 1941-05-06</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="178" />
        <source>添加成员</source>
        <translation>Add resident</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="180" />
        <source>删除成员</source>
        <translation>Remove resident</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="190" />
        <source>人员类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="191" />
        <source>起始日期</source>
        <translation>Valid from</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="192" />
        <source>截止日期</source>
        <translation>Valid to</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="193" />
        <source>残疾类别</source>
        <translation>Disability kind</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="194" />
        <source>残疾等级</source>
        <translation>Disability grade</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="199" />
        <source>添加类别</source>
        <translation>Add category</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="201" />
        <source>删除类别</source>
        <translation>Remove category</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="217" />
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="218" />
        <source>取消 (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="223" />
        <source>家庭成员</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="227" />
        <source>所选成员的人员类别</source>
        <translation>Categories of the selected resident</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="277" />
        <source>把此人迁入本户吗？迁入后仍是同一份档案，人员类别和记录随人迁移；原户留下迁出记录。</source>
        <translation>Move this person into this household? They keep the same record, with their categories and history; the household they leave records the move.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="384" />
        <source>性别应为男或女</source>
        <translation>Gender must be 男 or 女 (M or F)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="392" />
        <source>出生日期“%1”无效，应写作 1941-05-06</source>
        <translation>Birth date “%1” is not valid; write it as 1941-05-06</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="477" />
        <source>长期</source>
        <translation>open-ended</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="483" />
        <source>视力</source>
        <translation>sight</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="484" />
        <source>听力</source>
        <translation>hearing</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="485" />
        <source>言语</source>
        <translation>speech</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="486" />
        <source>肢体</source>
        <translation>physical</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="487" />
        <source>智力</source>
        <translation>intellectual</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="488" />
        <source>精神</source>
        <translation>mental</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="489" />
        <source>多重</source>
        <translation>multiple</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="586" />
        <source>住户 %1 的修改尚未保存。</source>
        <translation>Your changes to household %1 are not saved.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="587" />
        <source>新建住户尚未保存。</source>
        <translation>The new household is not saved.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="629" />
        <source>另一处已修改此户：您的修改未保存。请关闭后重新打开以查看最新内容。</source>
        <translation>This household was changed elsewhere: your changes were not saved. Close and reopen it to see the latest version.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/editor.py" line="633" />
        <source>正在保存住户…</source>
        <translation>Saving the household…</translation>
    </message>
</context>
<context>
    <name>HouseholdList</name>
    <message>
        <location filename="../../ui/widgets/household_dialog.py" line="45" />
        <source>住户详情</source>
        <translation>Household details</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/household_dialog.py" line="68" />
        <source>户编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/household_dialog.py" line="68" />
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/household_dialog.py" line="68" />
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/household_dialog.py" line="69" />
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/household_dialog.py" line="81" />
        <source>双击（或按回车）打开该户</source>
        <translation>Double-click (or Enter) to open the household</translation>
    </message>
</context>
<context>
    <name>HouseholdMenu</name>
    <message>
        <location filename="../../ui/widgets/household_menu.py" line="27" />
        <source>打开住户</source>
        <translation>Open the household</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/household_menu.py" line="28" />
        <source>在本周走访中录入走访</source>
        <translation>Record a visit on this week's page</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/household_menu.py" line="29" />
        <source>登记诉求…</source>
        <translation>Raise a need…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/household_menu.py" line="30" />
        <source>打印民情日志…</source>
        <translation>Print the visit log…</translation>
    </message>
</context>
<context>
    <name>HouseholdPages</name>
    <message>
        <location filename="../../ui/widgets/household_pages.py" line="37" />
        <source>户编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/household_pages.py" line="37" />
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/household_pages.py" line="37" />
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/household_pages.py" line="37" />
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="69" />
        <source>导入住户或走访记录</source>
        <translation>Import households or visits</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="88" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="90" />
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="92" />
        <location filename="../../ui/pages/register/import_wizard.py" line="226" />
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="95" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="118" />
        <source>住户台账（每位居民一行，同一户编号为一户）</source>
        <translation>Household register (one row per resident; rows with one household code form a household)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="119" />
        <source>走访记录（户编号、走访日期、方式、结果、走访人……）</source>
        <translation>Visits (household code, date, method, outcome, visitors…)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="125" />
        <source>Excel（.xlsx）或 CSV 文件</source>
        <translation>An Excel (.xlsx) or CSV file</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="127" />
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="132" />
        <source>列按表头名称识别（中文或英文，顺序不限）；标题行、合并单元格、空行均可。导入前会先检查，并备份数据库。</source>
        <translation>Columns are found by their header (Chinese or English, any order); title rows, merged cells and blank rows are fine. The file is checked first and the database backed up before anything is written.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="136" />
        <source>&lt;b&gt;导入什么&lt;/b&gt;</source>
        <translation>&lt;b&gt;What to import&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="140" />
        <source>&lt;b&gt;文件&lt;/b&gt;</source>
        <translation>&lt;b&gt;File&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="151" />
        <source>台账字段</source>
        <translation>Register field</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="151" />
        <source>文件中的列</source>
        <translation>Column in the file</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="172" />
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="172" />
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="172" />
        <source>内容</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="172" />
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="176" />
        <source>只导入无误的户（有问题的户整户不导入）</source>
        <translation>Import only the good households (a household with a problem is left out whole)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="178" />
        <source>保存错误报告…</source>
        <translation>Save error report…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="206" />
        <source>选择要导入的文件</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="206" />
        <source>Excel 或 CSV (*.xlsx *.xlsm *.csv)</source>
        <translation>Excel or CSV (*.xlsx *.xlsm *.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="226" />
        <source>检查</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="227" />
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="227" />
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="287" />
        <source>工作表“%1”，表头在第 %2 行，共 %3 行数据。</source>
        <translation>Sheet “%1”, header in row %2; data rows: %3.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="291" />
        <source>缺少必需的列：%1</source>
        <translation>Required columns missing: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="293" />
        <source>不导入的列：%1</source>
        <translation>Columns not imported: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="341" />
        <source>保存错误报告</source>
        <translation>Save error report</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="350" />
        <source>错误报告已保存：%1</source>
        <translation>Error report saved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="365" />
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/import_wizard.py" line="385" />
        <source>正在处理，取消并关闭？</source>
        <translation>Still working. Cancel and close?</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="799" />
        <source>关联住户</source>
        <translation>Link to a household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="801" />
        <source>地址（如 阳光小区3号楼2单元501）或电话</source>
        <translation>Address (e.g. 阳光小区3号楼2单元501) or phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="802" />
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="804" />
        <source>这件诉求不属于某一户（如道路、公共设施）</source>
        <translation>This need belongs to no household (a road, a public facility)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="805" />
        <source>关联</source>
        <translation>Link</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="806" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="842" />
        <source>没有找到住户</source>
        <translation>No household found</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/security/idle_lock.py" line="45" />
        <source>已锁定：%1 长时间未操作，请重新输入密码</source>
        <translation>Locked: %1 was away for a while. Enter the password again</translation>
    </message>
    <message>
        <location filename="../../ui/security/idle_lock.py" line="53" />
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/security/login.py" line="32" />
        <source>登录 GridKeeper</source>
        <translation>Log in to GridKeeper</translation>
    </message>
    <message>
        <location filename="../../ui/security/login.py" line="44" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/security/login.py" line="45" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/security/login.py" line="63" />
        <source>登录失败</source>
        <translation>Login failed</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="45" />
        <source>GridKeeper 社区网格走访台账</source>
        <translation>GridKeeper community grid visits</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="63" />
        <source>网格 / 楼栋</source>
        <translation>Grid / building</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="88" />
        <source>数据库：%1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="91" />
        <source>当前用户：%1</source>
        <translation>User: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="127" />
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="199" />
        <source>住户：%1 户</source>
        <translation>Households: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="242" />
        <source>此户不在所选周和网格的走访名单上。</source>
        <translation>This household is not on the roster of the chosen week and grid.</translation>
    </message>
</context>
<context>
    <name>MenuBar</name>
    <message>
        <location filename="../../ui/menu_bar.py" line="53" />
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="55" />
        <source>新建…</source>
        <translation>New…</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="56" />
        <source>导入住户或走访记录…</source>
        <translation>Import households or visits…</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="57" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="58" />
        <source>打印预览…</source>
        <translation>Print preview…</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="60" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="62" />
        <source>住户(&amp;O)</source>
        <translation>H&amp;ouseholds</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="63" />
        <source>查找住户</source>
        <translation>Find household</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="64" />
        <source>新建住户…</source>
        <translation>New household…</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="65" />
        <source>打开所选住户</source>
        <translation>Open the selected household</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="67" />
        <source>移交住户…</source>
        <translation>Hand over households…</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="68" />
        <source>专项名单…</source>
        <translation>Campaign lists…</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="70" />
        <source>走访(&amp;V)</source>
        <translation>&amp;Visits</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="71" />
        <source>为当前户登记诉求…</source>
        <translation>Raise a need for this household…</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="72" />
        <source>按花名册编号打开</source>
        <translation>Open a roster by its number</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="74" />
        <source>转到(&amp;G)</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="79" />
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="80" />
        <source>打开错误日志所在文件夹</source>
        <translation>Open the error log's folder</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="81" />
        <location filename="../../ui/menu_bar.py" line="154" />
        <source>关于 GridKeeper</source>
        <translation>About GridKeeper</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="143" />
        <source>错误日志尚未建立</source>
        <translation>No error log yet</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="151" />
        <source>GridKeeper 社区网格走访台账</source>
        <translation>GridKeeper community grid visits</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="152" />
        <source>住户台账、每周走访名单、民情诉求和完成情况统计。</source>
        <translation>Household register, weekly visiting rosters, residents' needs and completion figures.</translation>
    </message>
    <message>
        <location filename="../../ui/menu_bar.py" line="153" />
        <source>错误日志：%1</source>
        <translation>Error log: %1</translation>
    </message>
</context>
<context>
    <name>NeedIntakeDialog</name>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="61" />
        <source>登记诉求</source>
        <translation>Raise a need</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="68" />
        <source>12345 工单号、转办单号（如有）</source>
        <translation>12345 ticket or referral number (if any)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="79" />
        <source>如 阳光小区3号楼2单元501</source>
        <translation>e.g. 阳光小区3号楼2单元501</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="80" />
        <source>查找住户</source>
        <translation>Find household</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="87" />
        <source>居民反映的问题和诉求（必填）</source>
        <translation>What the resident raised (required)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="92" />
        <source>不限</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="105" />
        <source>约定再来跟进</source>
        <translation>Promised to come back</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="117" />
        <source>来源：</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="118" />
        <source>工单号：</source>
        <translation>Ticket no.:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="119" />
        <source>受理时间：</source>
        <translation>Received:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="120" />
        <source>诉求人：</source>
        <translation>Raised by:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="121" />
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="125" />
        <source>地址：</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="126" />
        <source>住户：</source>
        <translation>Household:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="127" />
        <source>类别：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="128" />
        <source>诉求内容：</source>
        <translation>Need:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="132" />
        <source>办理时限：</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="133" />
        <source>承办人：</source>
        <translation>Handler:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="138" />
        <source>跟进：</source>
        <translation>Follow-up:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="141" />
        <source>登记</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="142" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="178" />
        <source>请先填写地址或电话</source>
        <translation>Enter an address or a phone first</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="187" />
        <source>不关联住户（只记地址）</source>
        <translation>No household (keep the address only)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="190" />
        <source>（地址相符）</source>
        <translation> (address matches)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="190" />
        <source>（电话相符）</source>
        <translation> (phone matches)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="199" />
        <source>找到 %1 户：请选中并确认是哪一户</source>
        <translation>%1 found: select the household to confirm it</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="202" />
        <source>台账中没有找到：将只记地址，可以以后再关联</source>
        <translation>Not in the register: only the address is kept; it can be linked later</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="212" />
        <source>已手动设定</source>
        <translation>set by hand</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="229" />
        <source>本类别和来源没有默认时限</source>
        <translation>no default deadline for this category and channel</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="232" />
        <source>按类别和来源的默认时限（工作日）</source>
        <translation>the default for this category and channel (working days)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="268" />
        <source>请填写诉求内容</source>
        <translation>Enter what the need is</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/need_intake.py" line="272" />
        <source>没有关联住户时请填写地址</source>
        <translation>Without a household, enter the address</translation>
    </message>
</context>
<context>
    <name>NeedSettings</name>
    <message>
        <location filename="../../ui/pages/settings/needs.py" line="48" />
        <source>新增诉求类别</source>
        <translation>Add need category</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/needs.py" line="61" />
        <location filename="../../ui/pages/settings/needs.py" line="62" />
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/needs.py" line="63" />
        <source> 件</source>
        <translation> needs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/needs.py" line="64" />
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/needs.py" line="70" />
        <source>不限</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/needs.py" line="76" />
        <source>响应与回访时限</source>
        <translation>Response and callback limits</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/needs.py" line="78" />
        <source>响应时限：</source>
        <translation>Respond within:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/needs.py" line="79" />
        <source>解决后回访：</source>
        <translation>Call back after resolving within:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/needs.py" line="80" />
        <source>各来源默认办理时限（工作日，留空为不限）</source>
        <translation>Default deadline per channel (working days; empty: none)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/needs.py" line="82" />
        <source>热点（未诉先办）</source>
        <translation>Hot spots (act before complaints pile up)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/needs.py" line="84" />
        <source>同类诉求件数：</source>
        <translation>Needs of one kind:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/needs.py" line="85" />
        <source>统计天数：</source>
        <translation>Within (days):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/needs.py" line="86" />
        <source>同一楼栋在统计天数内有这么多件同类诉求即为热点；诉求所在单元的各户列入下周走访名单（原因：热点）。</source>
        <translation>A building with this many needs of one kind within these days is a hot spot: the households of the stairwells they came from go on next week's roster (reason: hot spot).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/needs.py" line="90" />
        <source>诉求类别</source>
        <translation>Need categories</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/needs.py" line="94" />
        <source>新登记的诉求默认办理时限取类别和来源两者中更短的一个；登记时可以改。</source>
        <translation>A new need's default deadline is the shorter of its category's and its channel's; it can be changed at intake.</translation>
    </message>
</context>
<context>
    <name>NeedsPage</name>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="167" />
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="310" />
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="193" />
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="193" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="193" />
        <location filename="../../ui/pages/needs/page.py" line="465" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="464" />
        <source>住户</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="87" />
        <source>响应</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="88" />
        <source>办理</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="89" />
        <location filename="../../ui/pages/needs/page.py" line="481" />
        <source>回访</source>
        <translation>Callback</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="90" />
        <source>%1 超期%2天</source>
        <translation>%1 %2 d late</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="91" />
        <source>%1 今天到期</source>
        <translation>%1 due today</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="92" />
        <source>%1 剩%2天</source>
        <translation>%1 in %2 d</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="147" />
        <source>登记诉求 (Ctrl+N)</source>
        <translation>New need (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="148" />
        <source>导入工单…</source>
        <translation>Import tickets…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="150" />
        <source>来访、来电、12345 工单、部门转办</source>
        <translation>Walk-in, call, 12345 ticket, referral</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="152" />
        <source>12345 热线派发的工单表（Excel 或 CSV）</source>
        <translation>The tickets the 12345 hotline sent (Excel or CSV)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="154" />
        <source>编号、工单号、诉求人、电话、地址或内容</source>
        <translation>Number, ticket, person, phone, address or text</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="157" />
        <source>未办结（按时限）</source>
        <translation>Unfinished (by deadline)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="158" />
        <source>待关联住户</source>
        <translation>To link to a household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="158" />
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="163" />
        <source>全部来源</source>
        <translation>All channels</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="193" />
        <location filename="../../ui/pages/needs/page.py" line="465" />
        <source>时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="193" />
        <location filename="../../ui/pages/needs/page.py" line="460" />
        <source>来源</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="194" />
        <location filename="../../ui/pages/needs/page.py" line="484" />
        <source>诉求内容</source>
        <translation>Need</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="194" />
        <source>住户 / 地址</source>
        <translation>Household / address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="194" />
        <source>受理日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="194" />
        <location filename="../../ui/pages/needs/page.py" line="591" />
        <source>主办人</source>
        <translation>Lead handler</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="224" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="224" />
        <source>办理过程</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="224" />
        <source>内容</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="225" />
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="234" />
        <source>显示完整电话</source>
        <translation>Show the full phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="235" />
        <location filename="../../ui/pages/needs/page.py" line="489" />
        <source>回访要打电话：显示完整号码（记入审计日志）</source>
        <translation>To call back: show the whole number (written to the audit log)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="240" />
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="240" />
        <source>主办人…</source>
        <translation>Lead handler…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="241" />
        <source>协办人…</source>
        <translation>Helpers…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="242" />
        <source>派单…</source>
        <translation>Send on…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="243" />
        <source>退回…</source>
        <translation>Returned…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="243" />
        <source>吹哨…</source>
        <translation>Escalate…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="244" />
        <source>办理完成…</source>
        <translation>Done…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="246" />
        <source>改回访日期…</source>
        <translation>Move callback…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="476" />
        <source>回访日期</source>
        <translation>Call back on</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/needs/page.py" line="480" />
        <source>（已重新办理 %n 次）</source>
        <translation>
            <numerusform> (reopened %n time)</numerusform><numerusform> (reopened %n times)</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="496" />
        <source>只能查看本网格住户仍在办理或待回访的诉求的完整电话</source>
        <translation>Full phones only of your grids' households, on needs still being handled or waiting for their callback</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="515" />
        <source>%1 的电话：%2</source>
        <translation>Phone of %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="591" />
        <source>承办这件诉求、对结果负责的人（主办）。</source>
        <translation>Who handles this need and answers for the result (lead).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="592" />
        <source>主办人：</source>
        <translation>Lead handler:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="603" />
        <source>协办人</source>
        <translation>Helper</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="603" />
        <source>协助主办人办理的工作人员（协办）。</source>
        <translation>A worker helping the lead handler.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="604" />
        <source>协办人：</source>
        <translation>Helper:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="615" />
        <source>派单</source>
        <translation>Send on</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="616" />
        <source>社区解决不了的，派给职能部门或街道办理；部门退回时再接回。</source>
        <translation>What the community cannot solve goes to a department or the street office; take it back when it is returned.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="616" />
        <source>派往单位：</source>
        <translation>Sent to:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="617" />
        <source>派单说明：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="627" />
        <source>退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="628" />
        <source>部门退回了这件诉求：写明退回理由，社区继续办理。</source>
        <translation>The department sent this need back: write its reason; the community handles it again.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="629" />
        <source>退回理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="639" />
        <source>“街乡吹哨、部门报到”：写明为什么需要部门到场。</source>
        <translation>The community blows the whistle, the departments report: say why they are needed.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="640" />
        <source>吹哨理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="649" />
        <source>办理进展</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="650" />
        <source>记下做了什么、约了谁、下一步（记录时间和记录人）。</source>
        <translation>What was done, who was called, what comes next (time and author are recorded).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="651" />
        <source>进展：</source>
        <translation>Progress:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="693" />
        <source>写明不予受理的理由（如不属于社区职责，已告知居民去向）。</source>
        <translation>Why the need is rejected (e.g. not the community's duty; the resident was told where to go).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="694" />
        <source>理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="727" />
        <source>已登记。</source>
        <translation>Recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="735" />
        <source>正在登记诉求…</source>
        <translation>Raising the need…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="744" />
        <location filename="../../ui/pages/needs/page.py" line="779" />
        <source>导入 12345 工单</source>
        <translation>Import 12345 tickets</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="745" />
        <source>表格 (*.xlsx *.csv)</source>
        <translation>Sheets (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="770" />
        <source>正在导入工单…</source>
        <translation>Importing tickets…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="777" />
        <source>提醒：</source>
        <translation>Warning: </translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="785" />
        <source>只导入无误的工单</source>
        <translation>Import the good tickets only</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="786" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="247" />
        <source>不予受理…</source>
        <translation>Reject…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="304" />
        <source>民情诉求</source>
        <translation>Needs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="157" />
        <source>已超期</source>
        <translation>Past deadline</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="244" />
        <source>进展…</source>
        <translation>Progress…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="245" />
        <source>回访…</source>
        <translation>Callback…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="247" />
        <source>关联住户…</source>
        <translation>Link household…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="264" />
        <source>办理过程（每一步都记入审计日志）</source>
        <translation>History (every step is in the audit log)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="278" />
        <source>诉求办理</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="279" />
        <source>三率统计</source>
        <translation>Three rates</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="381" />
        <source>待关联：%1</source>
        <translation>To link: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="388" />
        <source>工单号：%1</source>
        <translation>Ticket: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="393" />
        <source> · 已吹哨</source>
        <translation> · escalated</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="401" />
        <source>共 %1 件；超期 %2 件，%3 天内到期 %4 件</source>
        <translation>Needs: %1; overdue %2, due within %3 days %4</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="439" />
        <source>没有选中的诉求</source>
        <translation>No need selected</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="452" />
        <source>（热线类别：%1）</source>
        <translation> (hotline category: %1)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="453" />
        <source>未关联住户</source>
        <translation>no household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="456" />
        <source>不限</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="462" />
        <source>诉求人</source>
        <translation>Raised by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="464" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="466" />
        <source>主办</source>
        <translation>Lead</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="466" />
        <source>未分派</source>
        <translation>not assigned</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="469" />
        <source>派往</source>
        <translation>Sent to</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="472" />
        <location filename="../../ui/pages/needs/page.py" line="638" />
        <source>吹哨</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="474" />
        <source>处理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="539" />
        <source> · 协办：%1</source>
        <translation> · helpers: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="567" />
        <source>诉求 %1 已更新。</source>
        <translation>Need %1 updated.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="576" />
        <source>正在保存诉求…</source>
        <translation>Saving the need…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/page.py" line="483" />
        <location filename="../../ui/pages/needs/page.py" line="692" />
        <source>不予受理</source>
        <translation>Reject</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <location filename="../../ui/operations.py" line="168" />
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <location filename="../../ui/pages/__init__.py" line="19" />
        <source>工作台</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="20" />
        <source>住户台账</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="21" />
        <source>本周走访</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="22" />
        <source>走访记录</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="23" />
        <source>民情诉求</source>
        <translation>Needs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="24" />
        <source>统计报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="25" />
        <source>楼栋图</source>
        <translation>Building chart</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="26" />
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="27" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>PagedHouseholdList</name>
    <message>
        <location filename="../../ui/widgets/household_pages.py" line="159" />
        <source>双击（或按回车）打开该户；点击表头排序</source>
        <translation>Double-click (or Enter) opens the household; click a header to sort</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../ui/widgets/pdf_preview.py" line="191" />
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pdf_preview.py" line="192" />
        <source>在后台打印，可随时取消 (Ctrl+P)</source>
        <translation>Prints in the background; cancel at any time (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pdf_preview.py" line="194" />
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pdf_preview.py" line="195" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/pdf_preview.py" line="196" />
        <source>共 %n 页</source>
        <translation>
            <numerusform>%n page</numerusform><numerusform>%n pages</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pdf_preview.py" line="238" />
        <location filename="../../ui/widgets/pdf_preview.py" line="269" />
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pdf_preview.py" line="238" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pdf_preview.py" line="248" />
        <source>正在打印：第 %1 页，共 %2 页</source>
        <translation>Printing page %1 of %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pdf_preview.py" line="258" />
        <source>打印失败：%1</source>
        <translation>Printing failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pdf_preview.py" line="260" />
        <source>已取消打印。</source>
        <translation>Printing cancelled.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pdf_preview.py" line="262" />
        <source>已送往打印机。</source>
        <translation>Sent to the printer.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pdf_preview.py" line="281" />
        <source>另存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pdf_preview.py" line="291" />
        <source>保存失败：%1</source>
        <translation>Saving failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pdf_preview.py" line="293" />
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <location filename="../../ui/widgets/visit_log.py" line="32" />
        <source>打印民情日志</source>
        <translation>Print visit log</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/visit_log.py" line="36" />
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/visit_log.py" line="37" />
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/visit_log.py" line="38" />
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/visit_log.py" line="39" />
        <source>本季度</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/visit_log.py" line="40" />
        <source>本半年</source>
        <translation>This half-year</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/visit_log.py" line="41" />
        <source>本年</source>
        <translation>This year</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/visit_log.py" line="52" />
        <source>时期：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/visit_log.py" line="53" />
        <source>也可输入 2026-W48、2026-11、2026Q3、2026H2 或 2026</source>
        <translation>Or type 2026-W48, 2026-11, 2026Q3, 2026H2 or 2026</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <location filename="../../ui/widgets/permissions.py" line="22" />
        <source>社区账户无权%1，仅限街道账户。</source>
        <translation>A community's account may not %1: street office accounts only.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/permissions.py" line="24" />
        <source>您的角色（%1）无权%2。</source>
        <translation>Your role (%1) may not %2.</translation>
    </message>
</context>
<context>
    <name>PrintJob</name>
    <message>
        <location filename="../../ui/widgets/pdf_preview.py" line="128" />
        <source>打印机无法开始打印</source>
        <translation>The printer could not start</translation>
    </message>
</context>
<context>
    <name>RatesPanel</name>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="67" />
        <source>上一期</source>
        <translation>Previous period</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="70" />
        <source>下一期</source>
        <translation>Next period</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="72" />
        <source>按网格</source>
        <translation>By grid</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="72" />
        <source>按诉求类别</source>
        <translation>By category</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="73" />
        <source>按承办人</source>
        <translation>By handler</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="75" />
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="77" />
        <source>诉求办理“三率”统计表（PDF）</source>
        <translation>The three rates of needs (PDF)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="78" />
        <source>导出诉求 Excel…</source>
        <translation>Export needs to Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="80" />
        <source>本期受理的诉求：工单各列及办理情况（电话隐藏中间四位）</source>
        <translation>The period's needs: the ticket columns and how each went (phones masked)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="82" />
        <source>受理期间：</source>
        <translation>Received between:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="93" />
        <source>分组</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="93" />
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="93" />
        <source>按时响应</source>
        <translation>Responded in time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="93" />
        <source>响应率</source>
        <translation>Response rate</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="93" />
        <source>已解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="94" />
        <source>按期解决</source>
        <translation>Resolved in time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="94" />
        <source>按期解决率</source>
        <translation>Resolution rate</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="94" />
        <source>已回访</source>
        <translation>Called back</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="94" />
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="95" />
        <source>满意率</source>
        <translation>Satisfaction rate</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="153" />
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="157" />
        <source>本期没有受理诉求</source>
        <translation>No needs received in the period</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="182" />
        <source>导出诉求</source>
        <translation>Export needs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="188" />
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="206" />
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="193" />
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/needs/rates.py" line="156" />
        <source>本期受理 %n 件诉求</source>
        <translation>
            <numerusform>%n need received in the period</numerusform><numerusform>%n needs received in the period</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="198" />
        <source>导出失败：%1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/rates.py" line="212" />
        <source>正在排版…</source>
        <translation>Laying out…</translation>
    </message>
</context>
<context>
    <name>RegisterModel</name>
    <message>
        <location filename="../../ui/pages/register/model.py" line="123" />
        <source>户编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/model.py" line="124" />
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/model.py" line="125" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/model.py" line="126" />
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/model.py" line="127" />
        <source>人数</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/model.py" line="128" />
        <source>人员类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/model.py" line="129" />
        <source>适用规则</source>
        <translation>Governing rule</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/model.py" line="130" />
        <source>最近走访</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/model.py" line="131" />
        <source>下次应访</source>
        <translation>Next due</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/model.py" line="132" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <location filename="../../ui/pages/register/page.py" line="74" />
        <source>姓名、拼音首字母、电话或身份证尾号、地址（如 3-2-501）</source>
        <translation>Name, pinyin initials, phone or ID tail, address (e.g. 3-2-501)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/page.py" line="77" />
        <source>仅逾期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/page.py" line="78" />
        <source>新建住户</source>
        <translation>New household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/page.py" line="80" />
        <source>新建住户 (Ctrl+N)</source>
        <translation>New household (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/page.py" line="81" />
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/page.py" line="85" />
        <source>移交…</source>
        <translation>Hand over…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/page.py" line="85" />
        <source>把一位责任人的全部住户移交给另一位（记入审计日志）</source>
        <translation>Hand all households of one worker to another (written to the audit log)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/page.py" line="87" />
        <source>专项名单…</source>
        <translation>Campaign lists…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/page.py" line="88" />
        <source>按类别、楼栋、楼层保存名单，打印联系名单（防汛、高温、供暖）</source>
        <translation>Save lists by category, building and floor, and print them as contact lists (storms, heat waves, heating season)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/page.py" line="90" />
        <source>从 Excel 或 CSV 导入住户或走访记录 (Ctrl+I)</source>
        <translation>Import households or visits from Excel or CSV (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/page.py" line="96" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/page.py" line="102" />
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/page.py" line="105" />
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/page.py" line="218" />
        <source>住户台账</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register/page.py" line="253" />
        <source>请再输入一个字母</source>
        <translation>Type one more letter</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/register/page.py" line="277" />
        <source>共 %n 户</source>
        <translation>
            <numerusform>%n household</numerusform><numerusform>%n households</numerusform></translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../ui/pages/reports.py" line="75" />
        <source>上一期</source>
        <translation>Previous period</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="79" />
        <source>下一期</source>
        <translation>Next period</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="81" />
        <source>按网格</source>
        <translation>By grid</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="81" />
        <source>按网格员</source>
        <translation>By worker</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="81" />
        <source>按管理类别</source>
        <translation>By category</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="160" />
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="86" />
        <source>未达标在前</source>
        <translation>Behind target first</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="88" />
        <source>按达标情况排序：未达标、预警在前，其余按网格顺序</source>
        <translation>Sort by target: behind and at risk first, the rest in grid order</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="89" />
        <location filename="../../ui/pages/reports.py" line="290" />
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="90" />
        <source>附漏访名单</source>
        <translation>With missed households</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="91" />
        <source>PDF 按网格列出每一户未完成走访的住户（全年可达数十页）</source>
        <translation>The PDF lists every household missed, grid by grid (dozens of pages for a year)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="92" />
        <location filename="../../ui/pages/reports.py" line="308" />
        <source>导出 Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="98" />
        <source>周期：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="102" />
        <source>分组：</source>
        <translation>Group by:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="104" />
        <source>网格：</source>
        <translation>Grid:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="114" />
        <source>分组</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="114" />
        <source>应访户数</source>
        <translation>Households due</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="114" />
        <source>应访次数</source>
        <translation>Visits due</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="114" />
        <source>已访次数</source>
        <translation>Visits made</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="115" />
        <source>完成率</source>
        <translation>Completion</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="115" />
        <source>按时率</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="115" />
        <source>漏访户数</source>
        <translation>Households missed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="115" />
        <source>待访户数</source>
        <translation>Households pending</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="115" />
        <source>达标</source>
        <translation>On target</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="122" />
        <source>漏访住户</source>
        <translation>Missed households</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="148" />
        <source>完成情况报告（PDF）</source>
        <translation>Completion report (PDF)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="150" />
        <source>完成情况和漏访住户（Excel）</source>
        <translation>Completion figures and missed households (Excel)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="154" />
        <source>统计报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="203" />
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="230" />
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="276" />
        <source>漏访</source>
        <translation>Missed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="277" />
        <source>待访</source>
        <translation>Still due</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="213" />
        <source>%1：应访 %2 次，已访 %3 次，完成率 %4，按时率 %5（截至 %6）</source>
        <translation>%1: visits due %2, made %3, completion %4, on time %5 (as of %6)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="272" />
        <source>漏访 %1 户 · 待访 %2 户（周期未结束）</source>
        <translation>Households missed: %1 · pending: %2 (period still running)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="295" />
        <location filename="../../ui/pages/reports.py" line="299" />
        <source>正在排版…</source>
        <translation>Laying out…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="313" />
        <location filename="../../ui/pages/reports.py" line="317" />
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="322" />
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="327" />
        <source>导出失败：%1</source>
        <translation>Export failed: %1</translation>
    </message>
</context>
<context>
    <name>ReviewBox</name>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="356" />
        <source>点评意见，如：记录完整，已电话核实</source>
        <translation>Review comment, e.g. complete record, confirmed by phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="357" />
        <source>保存点评</source>
        <translation>Save review</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="363" />
        <source>审核意见（督导点评）：</source>
        <translation>Review comment (supervisor):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="377" />
        <source>%1 于 %2 点评</source>
        <translation>Reviewed by %1 at %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="385" />
        <source>点评已保存</source>
        <translation>Review saved</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="386" />
        <source>正在保存点评…</source>
        <translation>Saving the review…</translation>
    </message>
</context>
<context>
    <name>RosterEntryModel</name>
    <message numerus="yes">
        <location filename="../../ui/pages/this_week/model.py" line="268" />
        <source>%1 %n天</source>
        <translation>
            <numerusform>%1 %n day</numerusform><numerusform>%1 %n days</numerusform></translation>
    </message>
</context>
<context>
    <name>SessionGuards</name>
    <message>
        <location filename="../../ui/session_guards.py" line="74" />
        <source>自动备份失败：%1</source>
        <translation>Automatic backup failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/session_guards.py" line="77" />
        <source>数据库检查未完成：%1</source>
        <translation>Database check did not finish: %1</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/settings/needs.py" line="34" />
        <location filename="../../ui/pages/settings/page.py" line="72" />
        <source>中文名称</source>
        <translation>Chinese name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/needs.py" line="35" />
        <location filename="../../ui/pages/settings/page.py" line="73" />
        <source>英文名称</source>
        <translation>English name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/needs.py" line="36" />
        <source>办理时限（工作日）</source>
        <translation>Deadline (working days)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="75" />
        <source>每期次数</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="76" />
        <source>周期</source>
        <translation>Per</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="77" />
        <source>计数方式</source>
        <translation>Counting methods</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="78" />
        <source>目标完成率 %</source>
        <translation>Target %</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="79" />
        <source>年龄条件</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="80" />
        <source>别名</source>
        <translation>Aliases</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="81" />
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="84" />
        <source>网格名称</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="85" />
        <location filename="../../ui/pages/settings/page.py" line="91" />
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="86" />
        <source>网格长</source>
        <translation>Grid leader</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="87" />
        <source>顺序</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="90" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="92" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="93" />
        <source>在岗</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="105" />
        <source>只有自动推算的类别（高龄、独居、空巢）有年龄条件</source>
        <translation>Only the derived categories (very old, living alone, empty nest) have an age threshold</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="418" />
        <source>新增类别</source>
        <translation>Add category</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="424" />
        <source>新增网格</source>
        <translation>Add grid</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="426" />
        <source>新增工作人员</source>
        <translation>Add worker</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="433" />
        <source>打印和导出时默认隐藏身份证号和电话的中间几位</source>
        <translation>Mask the middle of ID numbers and phones in printouts and exports by default</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="435" />
        <source>留空：自动选择中文字体</source>
        <translation>Empty: a Chinese font is chosen automatically</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="437" />
        <source>留空：数据库旁的 backups 文件夹</source>
        <translation>Empty: the backups folder next to the database</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="438" />
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="442" />
        <location filename="../../ui/pages/settings/page.py" line="445" />
        <source> 分钟</source>
        <translation> minutes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="448" />
        <source> 条走访</source>
        <translation> visits</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="460" />
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="463" />
        <source>撤销修改</source>
        <translation>Revert</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="467" />
        <source>只有管理员可以修改这些设置；此处仅供查看。</source>
        <translation>Only an administrator can change these settings; shown read-only.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="474" />
        <source>双击颜色格（或按回车）选择颜色；点计数方式格勾选哪些走访方式计数（可多选）；年龄条件只用于自动推算的类别（高龄、独居、空巢）；目标完成率用于工作台和报表的达标判断（低于目标 10 个百分点以内为预警）。</source>
        <translation>Double-click a colour cell (or press Enter) to choose a colour; click a counting-methods cell to tick which visit methods count (several allowed); the age threshold applies only to the derived categories (very old, living alone, empty nest); the target rate is what the dashboard and reports judge completion by (up to 10 points below it: at risk).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="476" />
        <source>管理类别与走访规则</source>
        <translation>Categories and visit rules</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="481" />
        <source>网格与工作人员</source>
        <translation>Grids and workers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="484" />
        <source>PDF 与导出：</source>
        <translation>PDF and exports:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="485" />
        <source>PDF 字体文件：</source>
        <translation>PDF font file:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="490" />
        <source>工作中自动备份间隔：</source>
        <translation>Backup during work every:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="491" />
        <source>无操作自动锁定：</source>
        <translation>Lock after no input for:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="495" />
        <source>每月为每位工作人员随机抽取这么多条已计数的走访，供督导电话回访核实；0 为不抽查</source>
        <translation>Each month this many counted visits of every worker are drawn at random for the supervisor to confirm by phone; 0: no spot checks</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="498" />
        <source>每人每月抽查回访：</source>
        <translation>Spot checks per worker a month:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="505" />
        <source>打印、备份与语言</source>
        <translation>Printing, backups, language</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="506" />
        <source>诉求与热点</source>
        <translation>Needs and hot spots</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="510" />
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="567" />
        <source>设置：有修改尚未保存。</source>
        <translation>Settings: changes not saved.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="622" />
        <source>已保存。规则的修改在下一次计算名单时生效。</source>
        <translation>Saved. Rule changes apply from the next roster.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="636" />
        <source>正在保存设置…</source>
        <translation>Saving the settings…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="687" />
        <source>选择颜色</source>
        <translation>Choose colour</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="692" />
        <source>备份文件夹</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/needs.py" line="33" />
        <location filename="../../ui/pages/settings/page.py" line="71" />
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="74" />
        <source>颜色</source>
        <translation>Colour</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="501" />
        <source>本机设置，重新启动程序后生效</source>
        <translation>This PC's setting; takes effect at the next start</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="504" />
        <source>界面语言：</source>
        <translation>Interface language:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="489" />
        <source>备份文件夹：</source>
        <translation>Backup folder:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/page.py" line="549" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>SpotCheckPanel</name>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="62" />
        <source>抽取回访名单</source>
        <translation>Draw the call list</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="64" />
        <source>为每位工作人员随机抽取已计数的走访（条数见设置），同一月份再次抽取只补足不替换</source>
        <translation>Draws counted visits of every worker at random (how many: settings); drawing the same month again only tops up, never replaces</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="67" />
        <source>月份：</source>
        <translation>Month:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="73" />
        <source>工作人员</source>
        <translation>Worker</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="73" />
        <source>走访日期</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="73" />
        <source>户编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="73" />
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="73" />
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="74" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="74" />
        <source>回访结果</source>
        <translation>Call result</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="74" />
        <source>说明</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="74" />
        <source>回访时间</source>
        <translation>Called</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="83" />
        <source>双击打开该户</source>
        <translation>Double-click to open the household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="89" />
        <source>说明（如：户主确认当天见面）</source>
        <translation>Note (e.g. the head confirmed the visit)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="90" />
        <source>显示电话</source>
        <translation>Show phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="100" />
        <source>显示所选一户的完整电话以便拨打；此操作记入审计日志</source>
        <translation>Shows the chosen household's full number to call; recorded in the audit log</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="125" />
        <source>抽查回访由督导或管理员进行。</source>
        <translation>Spot checks are made by supervisors or administrators.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="139" />
        <source>已抽取 %1 条，已回访 %2 条：属实 %3，不属实 %4；核实率 %5</source>
        <translation>%1 drawn, %2 called: %3 confirmed, %4 not confirmed; confirmation rate %5</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="142" />
        <source>本月尚未抽取回访名单</source>
        <translation>No call list drawn for this month yet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="179" />
        <source>正在抽取回访名单…</source>
        <translation>Drawing the call list…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="183" />
        <source>新抽取 %1 条</source>
        <translation>%1 newly drawn</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="189" />
        <location filename="../../ui/pages/visits/spot_checks.py" line="205" />
        <source>请先选择一户</source>
        <translation>Choose a household first</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="194" />
        <source>（未登记电话）</source>
        <translation>(no phone on record)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="212" />
        <source>已记录：%1 %2</source>
        <translation>Recorded: %1 %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/spot_checks.py" line="219" />
        <source>正在记录回访结果…</source>
        <translation>Recording the call…</translation>
    </message>
</context>
<context>
    <name>StandingTeamDialog</name>
    <message>
        <location filename="../../ui/pages/standing_team.py" line="62" />
        <source>楼门联系人与电梯</source>
        <translation>Standing team and lift</translation>
    </message>
    <message>
        <location filename="../../ui/pages/standing_team.py" line="65" />
        <source>%1 %2号楼</source>
        <translation>%1 building %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/standing_team.py" line="67" />
        <source>未登记</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <location filename="../../ui/pages/standing_team.py" line="67" />
        <source>有电梯</source>
        <translation>Has a lift</translation>
    </message>
    <message>
        <location filename="../../ui/pages/standing_team.py" line="67" />
        <source>无电梯</source>
        <translation>No lift</translation>
    </message>
    <message>
        <location filename="../../ui/pages/standing_team.py" line="70" />
        <source>无电梯楼栋四层及以上的老人列为“悬空老人”</source>
        <translation>Elderly on the 4th floor or higher of a building without a lift are listed as "stranded elderly"</translation>
    </message>
    <message>
        <location filename="../../ui/pages/standing_team.py" line="72" />
        <source>单元</source>
        <translation>Entrance</translation>
    </message>
    <message>
        <location filename="../../ui/pages/standing_team.py" line="72" />
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/pages/standing_team.py" line="72" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/standing_team.py" line="73" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/standing_team.py" line="85" />
        <source>添加联系人</source>
        <translation>Add contact</translation>
    </message>
    <message>
        <location filename="../../ui/pages/standing_team.py" line="87" />
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../../ui/pages/standing_team.py" line="90" />
        <source>电梯：</source>
        <translation>Lift:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/standing_team.py" line="100" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/pages/standing_team.py" line="101" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/standing_team.py" line="104" />
        <source>%1（%2）：整栋的联系人印在每个单元，单元的联系人只印在该单元。电话显示为部分隐藏；不改动即保留原号码，输入新号码则替换。</source>
        <translation>%1 (%2): the whole building's contacts print on every stairwell, a stairwell's only on its own. Phones show partly hidden; left as they are they keep the number on record, a new number typed replaces it.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/standing_team.py" line="137" />
        <source>整栋</source>
        <translation>Whole building</translation>
    </message>
    <message>
        <location filename="../../ui/pages/standing_team.py" line="139" />
        <source>%1单元</source>
        <translation>Entrance %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/standing_team.py" line="195" />
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <location filename="../../ui/pages/needs/steps.py" line="41" />
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/steps.py" line="42" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/steps.py" line="100" />
        <source>办理完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/steps.py" line="101" />
        <source>写明处理结果；解决后按时回访居民，满意即办结，不满意则重新办理。</source>
        <translation>Write what was done; the resident is called back in time: satisfied closes the need, unsatisfied reopens it.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/steps.py" line="106" />
        <source>处理结果：</source>
        <translation>Result:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/steps.py" line="107" />
        <location filename="../../ui/pages/needs/steps.py" line="149" />
        <source>回访日期：</source>
        <translation>Call back on:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/steps.py" line="117" />
        <source>回访</source>
        <translation>Callback</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/steps.py" line="118" />
        <source>满意或基本满意即办结；不满意则重新办理（重新计入解决情况）。</source>
        <translation>Satisfied or basically satisfied closes the need; unsatisfied reopens it (it counts as resolved again only when resolved again).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/steps.py" line="131" />
        <source>居民评价：</source>
        <translation>Rating:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/steps.py" line="132" />
        <source>回访记录：</source>
        <translation>What the resident said:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/steps.py" line="143" />
        <source>改回访日期</source>
        <translation>Move the callback</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/steps.py" line="144" />
        <source>居民不便接听或外出时改期回访；新日期和理由记入办理过程。</source>
        <translation>When the resident cannot take the call or is away, call back on another day; the new day and the reason go into the need's history.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs/steps.py" line="150" />
        <source>改期理由：</source>
        <translation>Reason:</translation>
    </message>
</context>
<context>
    <name>ThisWeekPage</name>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="142" />
        <source>上一周</source>
        <translation>Previous week</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="147" />
        <source>下一周</source>
        <translation>Next week</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="148" />
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="305" />
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="153" />
        <location filename="../../ui/pages/this_week/page.py" line="463" />
        <source>全部走访人</source>
        <translation>All workers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="154" />
        <source>只看一位责任人（包片包楼）负责的住户，可跨网格</source>
        <translation>Only the households one assigned worker looks after, across grids</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="156" />
        <source>民情日志</source>
        <translation>Visit log</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="157" />
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="158" />
        <location filename="../../ui/pages/this_week/page.py" line="819" />
        <source>导出 Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="159" />
        <source>保存走访结果</source>
        <translation>Save results</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="170" />
        <source>网格：</source>
        <translation>Grid:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="172" />
        <source>责任人：</source>
        <translation>Worker:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="185" />
        <source>扫描或输入花名册编号，回车打开</source>
        <translation>Scan or type the roster number, then Enter</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="187" />
        <source>花名册编号印在纸质花名册右上角（也可用扫码枪扫二维码）。只输入末尾的网格号（如 3）即打开本页所选周的该网格花名册。Ctrl+L 回到这里。</source>
        <translation>The roster number is printed at the top right of the paper roster (a scanner reads its QR code). Typing only the grid number at its end (e.g. 3) opens that grid's roster of the week shown. Ctrl+L comes back here.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="198" />
        <source>回到本周名单</source>
        <translation>Back to the week's roster</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="200" />
        <source>登记诉求</source>
        <translation>Raise a need</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="206" />
        <source>回填：扫描或输入花名册编号后回车，按纸上的序号逐行录入：1 见面、2 未遇、3 拒访、4 外出，自动跳到下一行；0 或退格清除；← → 到走访人、方式、日期、跟进日期、备注列直接输入（方式列 F2 选择）；Ctrl+R 为当前户登记诉求；Ctrl+S 保存；Ctrl+L 扫下一张。</source>
        <translation>Entering results: scan or type the roster number and press Enter, then follow the paper's numbers: 1 met, 2 nobody home, 3 refused, 4 away moves to the next line; 0 or Backspace clears; ← → reach worker, method, date, follow-up date and notes to type in (F2 chooses the method); Ctrl+R raises a need for the household; Ctrl+S saves; Ctrl+L scans the next paper.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="279" />
        <source>把本周花名册导出为可填写的 Excel（带花名册编号和序号，填好后可导入）</source>
        <translation>Export the week's roster as an Excel form (with roster numbers and line numbers; import it back once filled in)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="281" />
        <source>打印所选网格某一时期的民情日志</source>
        <translation>Print the chosen grid's visit log for a period</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/this_week/page.py" line="388" />
        <source>本周走访：%n 户的走访结果已录入，尚未保存。</source>
        <translation>
            <numerusform>This week: results entered for %n household, not saved.</numerusform><numerusform>This week: results entered for %n households, not saved.</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="427" />
        <source>本周应访 %1 户：逾期 %2，应访 %3，计划 %4，跟进 %5，热点 %6</source>
        <translation>Households this week: %1 (overdue %2, due %3, planned %4, follow-up %5, hot spot %6)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="515" />
        <source>正在打开花名册 %1…</source>
        <translation>Opening roster %1…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="539" />
        <source>花名册 %1：%2，%3 户（已打印 %4 次），已保存 %5 户，待录入 %6 户</source>
        <translation>Roster %1: %2; households: %3 (times printed: %4), saved %5, to enter %6</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="554" />
        <source>未能打开花名册。</source>
        <translation>The roster could not be opened.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="638" />
        <source>序号%1：日期“%2”应写成 2026-11-23</source>
        <translation>Line %1: write the date “%2” as 2026-11-23</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="649" />
        <source>序号%1：跟进日期“%2”应写成 2026-12-10 或 12-10</source>
        <translation>Line %1: write the follow-up date “%2” as 2026-12-10 or 12-10</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="652" />
        <source>序号%1：跟进日期 %2 早于走访日期 %3</source>
        <translation>Line %1: the follow-up date %2 is before the visit date %3</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/this_week/page.py" line="699" />
        <source>已保存 %n 条走访记录。</source>
        <translation>
            <numerusform>%n visit saved.</numerusform><numerusform>%n visits saved.</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="709" />
        <source>序号%1（%2）：%3</source>
        <translation>Line %1 (%2): %3</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="778" />
        <source>请先在“网格”中选一个网格，再打印它的民情日志。</source>
        <translation>Choose a grid first, then print its visit log.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="805" />
        <source>花名册已生成，共 %1 个网格。</source>
        <translation>Roster laid out: %1 grid(s).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="831" />
        <source>导出失败：%1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/model.py" line="43" />
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/model.py" line="44" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/model.py" line="45" />
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/model.py" line="46" />
        <source>管理类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/model.py" line="47" />
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/model.py" line="48" />
        <source>应访日期</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/model.py" line="49" />
        <source>上次走访</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/model.py" line="50" />
        <source>走访人</source>
        <translation>Visitors</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/model.py" line="51" />
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/model.py" line="52" />
        <source>走访结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/model.py" line="53" />
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/model.py" line="54" />
        <source>跟进日期</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/model.py" line="55" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/model.py" line="264" />
        <source>已无需走访</source>
        <translation>No longer due</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/model.py" line="286" />
        <source>%1（已保存 %2）</source>
        <translation>%1 (saved %2)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="242" />
        <source>花名册编号：</source>
        <translation>Roster no.:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="273" />
        <source>保存录入的走访结果 (Ctrl+S)</source>
        <translation>Save the entered results (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="275" />
        <source>为当前户登记诉求 (Ctrl+R)</source>
        <translation>Raise a need for this household (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="277" />
        <source>排版并预览本周花名册，可打印或另存</source>
        <translation>Lay out and preview this week's roster, to print or save</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="299" />
        <source>本周走访</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="399" />
        <source>%1（%2 至 %3）</source>
        <translation>%1 (%2 to %3)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="409" />
        <source>正在计算应访名单…</source>
        <translation>Working out who is due…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="415" />
        <source>计算失败：%1</source>
        <translation>Could not compute: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/model.py" line="274" />
        <source>从未</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="689" />
        <source>尚未录入任何走访结果。</source>
        <translation>No results entered yet.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="718" />
        <source>正在保存走访结果…</source>
        <translation>Saving the visit results…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="448" />
        <location filename="../../ui/pages/this_week/page.py" line="761" />
        <source>[已登记诉求]</source>
        <translation>[need raised]</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="764" />
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="768" />
        <source>正在登记诉求…</source>
        <translation>Raising the need…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="790" />
        <location filename="../../ui/pages/this_week/page.py" line="799" />
        <source>正在排版花名册…</source>
        <translation>Laying out the roster…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="809" />
        <source>走访花名册 %1</source>
        <translation>Visiting roster %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="824" />
        <location filename="../../ui/pages/this_week/page.py" line="835" />
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week/page.py" line="828" />
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
</context>
<context>
    <name>Unsaved</name>
    <message>
        <location filename="../../ui/widgets/unsaved.py" line="27" />
        <source>有未保存的内容</source>
        <translation>Unsaved work</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/unsaved.py" line="29" />
        <source>要先保存吗？</source>
        <translation>Save it first?</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/unsaved.py" line="30" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/unsaved.py" line="31" />
        <source>不保存</source>
        <translation>Don't save</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/unsaved.py" line="32" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="52" />
        <source>新增用户</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="52" />
        <source>修改用户 %1</source>
        <translation>Change user %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="64" />
        <source>全街道</source>
        <translation>Whole street</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="86" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="87" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="88" />
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="89" />
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="91" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="92" />
        <source>再输入一次</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="93" />
        <source>网格（网格长）</source>
        <translation>Grids (grid leaders)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="114" />
        <source>留空（全街道）可看全部社区；选一个社区则只能看、改该社区的网格和住户</source>
        <translation>Whole street sees every community; a community sees and changes only that community's grids and households</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="115" />
        <source>管理员管理整个街道，不能限于一个社区</source>
        <translation>An administrator runs the whole street office and cannot be limited to one community</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="139" />
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="160" />
        <source>正在保存用户…</source>
        <translation>Saving the user…</translation>
    </message>
</context>
<context>
    <name>UsersPanel</name>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="174" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="174" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="174" />
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="175" />
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="175" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="175" />
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="176" />
        <source>密码错误</source>
        <translation>Wrong passwords</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="186" />
        <source>新增用户…</source>
        <translation>Add user…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="187" />
        <source>角色、社区与网格…</source>
        <translation>Role, community and grids…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="188" />
        <source>重设密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="189" />
        <source>解除锁定</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="190" />
        <source>停用 / 启用</source>
        <translation>Switch off / on</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="212" />
        <source>只有管理员可以管理用户。</source>
        <translation>Only an administrator manages users.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="223" />
        <source>已停用</source>
        <translation>switched off</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="224" />
        <source>已锁定</source>
        <translation>locked</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="224" />
        <source>正常</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="226" />
        <source>全街道</source>
        <translation>Whole street</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="250" />
        <source>重设密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="250" />
        <source>%1 的新密码：</source>
        <translation>New password of %1:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="260" />
        <source>请先选择一个用户。</source>
        <translation>Choose a user first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="264" />
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings/users.py" line="269" />
        <source>正在保存用户…</source>
        <translation>Saving the user…</translation>
    </message>
</context>
<context>
    <name>VisitsPage</name>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="157" />
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="78" />
        <location filename="../../ui/pages/visits/page.py" line="102" />
        <location filename="../../ui/pages/visits/page.py" line="241" />
        <source>走访人</source>
        <translation>Visitors</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="81" />
        <source>全部结果</source>
        <translation>All outcomes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="85" />
        <source>全部方式</source>
        <translation>All methods</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="89" />
        <source>日期：</source>
        <translation>Dates:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="101" />
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="101" />
        <source>住户</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="101" />
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="101" />
        <location filename="../../ui/pages/visits/page.py" line="313" />
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="101" />
        <location filename="../../ui/pages/visits/page.py" line="313" />
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="102" />
        <source>已审核</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="102" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="109" />
        <source>选择一条走访记录查看详情、修改历史和审核意见</source>
        <translation>Choose a visit to see its details, history and review</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="116" />
        <source>详情与历史</source>
        <translation>Details and history</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="117" />
        <location filename="../../ui/pages/visits/page.py" line="327" />
        <source>点评</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="118" />
        <location filename="../../ui/pages/visits/page.py" line="326" />
        <source>更正</source>
        <translation>Correct</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="133" />
        <location filename="../../ui/pages/visits/page.py" line="151" />
        <source>走访记录</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="134" />
        <location filename="../../ui/pages/visits/page.py" line="328" />
        <source>抽查回访</source>
        <translation>Spot checks</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="204" />
        <source>（仅显示最近 %1 条，请缩小范围）</source>
        <translation>(only the latest %1 shown; narrow the filter)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="219" />
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="241" />
        <location filename="../../ui/pages/visits/page.py" line="315" />
        <source>走访对象</source>
        <translation>Who was met</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="242" />
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="242" />
        <source>花名册编号</source>
        <translation>Roster number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="243" />
        <location filename="../../ui/pages/visits/page.py" line="314" />
        <source>情况记录</source>
        <translation>What was seen</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="245" />
        <location filename="../../ui/pages/visits/page.py" line="316" />
        <source>困难</source>
        <translation>Difficulties</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="245" />
        <location filename="../../ui/pages/visits/page.py" line="317" />
        <source>处理措施</source>
        <translation>Action taken</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="246" />
        <location filename="../../ui/pages/visits/page.py" line="318" />
        <source>处理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="246" />
        <location filename="../../ui/pages/visits/page.py" line="319" />
        <source>后续计划</source>
        <translation>Follow-up plan</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="247" />
        <location filename="../../ui/pages/visits/page.py" line="320" />
        <source>后续走访日期</source>
        <translation>Follow-up date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="248" />
        <source>登记诉求</source>
        <translation>Raise a need</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="249" />
        <source>打开该户</source>
        <translation>Open the household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="257" />
        <source>已抽中，待回访</source>
        <translation>Drawn for a call, not yet called</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="303" />
        <source>安全检查</source>
        <translation>Safety check</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="304" />
        <source>身体状况</source>
        <translation>Health</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="311" />
        <source>走访日期</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="312" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="321" />
        <source>审核意见</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="322" />
        <source>审核人</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="323" />
        <source>审核时间</source>
        <translation>Reviewed at</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="325" />
        <source>录入</source>
        <translation>recorded</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="305" />
        <source>生活状况</source>
        <translation>Living conditions</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/visits/page.py" line="205" />
        <source>共 %n 条走访记录</source>
        <translation>
            <numerusform>%n visit</numerusform><numerusform>%n visits</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="306" />
        <source>家庭情况</source>
        <translation>Family</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="307" />
        <source>诉求需求</source>
        <translation>Needs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits/page.py" line="308" />
        <source>隐患</source>
        <translation>Hazards</translation>
    </message>
</context>
<context>
    <name>page</name>
    <message>
        <location filename="../../ui/widgets/visit_log.py" line="79" />
        <source>住户 %1 的民情日志</source>
        <translation>Visit log of household %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/visit_log.py" line="80" />
        <source>网格 %1 的民情日志</source>
        <translation>Visit log of grid %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/visit_log.py" line="111" />
        <source>正在排版民情日志…</source>
        <translation>Laying out the visit log…</translation>
    </message>
</context>
<context>
    <name>startup</name>
    <message>
        <location filename="../../ui/startup.py" line="86" />
        <source>此数据库已设用户：请用 --user 用户名 并设置 GRIDKEEPER_PASSWORD</source>
        <translation>This database has user accounts: use --user NAME and set GRIDKEEPER_PASSWORD</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="97" />
        <source>恢复备份：请管理员登录</source>
        <translation>Restoring a backup: an administrator logs in</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="115" />
        <source>数据库已损坏</source>
        <translation>Database damaged</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="117" />
        <source>用此备份恢复</source>
        <translation>Restore this backup</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="118" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
</TS>