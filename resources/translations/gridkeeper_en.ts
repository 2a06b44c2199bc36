<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>BuildingChartPage</name>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="17" />
        <source>楼栋图</source>
        <translation>Building chart</translation>
    </message>
    <message>
        <location filename="../../ui/pages/building_chart.py" line="18" />
        <source>按楼栋、单元、楼层的分色住户图。</source>
        <translation>Colour-coded map of each building by entrance and floor.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="17" />
        <source>工作台</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="18" />
        <source>本周应访、逾期户数和待办诉求一览。</source>
        <translation>This week's due and overdue households and open needs at a glance.</translation>
    </message>
</context>
<context>
    <name>HouseholdDetail</name>
    <message>
        <location filename="../../ui/household_detail.py" line="41" />
        <source>选择一户查看详情</source>
        <translation>Select a household to see its details</translation>
    </message>
    <message>
        <location filename="../../ui/household_detail.py" line="68" />
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../ui/household_detail.py" line="69" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/household_detail.py" line="70" />
        <source>责任人</source>
        <translation>Assigned worker</translation>
    </message>
    <message>
        <location filename="../../ui/household_detail.py" line="71" />
        <source>家庭成员</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../ui/household_detail.py" line="72" />
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <location filename="../../ui/household_detail.py" line="73" />
        <source>适用规则及原因</source>
        <translation>Why this rule governs</translation>
    </message>
    <message>
        <location filename="../../ui/household_detail.py" line="74" />
        <source>逾期，应于</source>
        <translation>Overdue since</translation>
    </message>
    <message>
        <location filename="../../ui/household_detail.py" line="75" />
        <source>下次应访</source>
        <translation>Next due</translation>
    </message>
    <message>
        <location filename="../../ui/household_detail.py" line="76" />
        <source>走访记录</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../ui/household_detail.py" line="77" />
        <source>暂无走访记录</source>
        <translation>No visits yet</translation>
    </message>
    <message>
        <location filename="../../ui/household_detail.py" line="78" />
        <source>未办结诉求</source>
        <translation>Open needs</translation>
    </message>
    <message>
        <location filename="../../ui/household_detail.py" line="79" />
        <source>无</source>
        <translation>None</translation>
    </message>
</context>
<context>
    <name>HouseholdEditor</name>
    <message>
        <location filename="../../ui/household_editor.py" line="54" />
        <source>新建住户</source>
        <translation>New household</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="54" />
        <source>编辑住户</source>
        <translation>Edit household</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="91" />
        <source>小区</source>
        <translation>Estate</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="92" />
        <source>楼</source>
        <translation>Building</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="93" />
        <source>单元</source>
        <translation>Entrance</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="94" />
        <source>层</source>
        <translation>Floor</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="95" />
        <source>门牌</source>
        <translation>Room</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="99" />
        <source>户编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="100" />
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="101" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="104" />
        <source>暂停至</source>
        <translation>Suspended until</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="108" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="109" />
        <source>户联系电话</source>
        <translation>Household phone</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="110" />
        <source>责任人</source>
        <translation>Assigned worker</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="111" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="116" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="117" />
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="118" />
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="119" />
        <source>出生日期</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="120" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="121" />
        <source>与户主关系</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="122" />
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="130" />
        <source>添加成员</source>
        <translation>Add resident</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="132" />
        <source>删除成员</source>
        <translation>Remove resident</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="142" />
        <source>人员类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="143" />
        <source>起始日期</source>
        <translation>Valid from</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="144" />
        <source>截止日期</source>
        <translation>Valid to</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="145" />
        <source>残疾类别</source>
        <translation>Disability kind</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="146" />
        <source>残疾等级</source>
        <translation>Disability grade</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="151" />
        <source>添加类别</source>
        <translation>Add category</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="153" />
        <source>删除类别</source>
        <translation>Remove category</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="169" />
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="170" />
        <source>取消 (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="175" />
        <source>家庭成员</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="179" />
        <source>所选成员的人员类别</source>
        <translation>Categories of the selected resident</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="334" />
        <source>长期</source>
        <translation>open-ended</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="338" />
        <source>视力</source>
        <translation>sight</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="338" />
        <source>听力</source>
        <translation>hearing</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="338" />
        <source>言语</source>
        <translation>speech</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="338" />
        <source>肢体</source>
        <translation>physical</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="338" />
        <source>智力</source>
        <translation>intellectual</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="339" />
        <source>精神</source>
        <translation>mental</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="339" />
        <source>多重</source>
        <translation>multiple</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="436" />
        <source>另一处已修改此户：您的修改未保存。请关闭后重新打开以查看最新内容。</source>
        <translation>This household was changed elsewhere: your changes were not saved. Close and reopen it to see the latest version.</translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <location filename="../../ui/pages/households.py" line="59" />
        <source>姓名、拼音首字母、电话或身份证尾号、地址（如 3-2-501）</source>
        <translation>Name, pinyin initials, phone or ID tail, address (e.g. 3-2-501)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="62" />
        <source>仅逾期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="63" />
        <source>新建住户</source>
        <translation>New household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="64" />
        <source>新建住户 (Ctrl+N)</source>
        <translation>New household (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="69" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="75" />
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="78" />
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="172" />
        <source>住户台账</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="201" />
        <source>请再输入一个字母</source>
        <translation>Type one more letter</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/households.py" line="223" />
        <source>共 %n 户</source>
        <translation>
            <numerusform>%n household</numerusform><numerusform>%n households</numerusform></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="35" />
        <source>GridKeeper 社区网格走访台账</source>
        <translation>GridKeeper community grid visits</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="54" />
        <source>网格 / 楼栋</source>
        <translation>Grid / building</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="70" />
        <source>数据库：%1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="72" />
        <source>当前用户：%1</source>
        <translation>User: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="90" />
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="132" />
        <source>住户：%1 户</source>
        <translation>Households: %1</translation>
    </message>
</context>
<context>
    <name>NeedsPage</name>
    <message>
        <location filename="../../ui/pages/needs.py" line="17" />
        <source>民情诉求</source>
        <translation>Needs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/needs.py" line="18" />
        <source>诉求台账：受理、转办、回访，直至办结。</source>
        <translation>Needs ledger: receive, refer, call back, until closed.</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../ui/pages/placeholder.py" line="29" />
        <source>建设中：此页面将在第二期实现</source>
        <translation>Under construction: this page comes in part 2</translation>
    </message>
</context>
<context>
    <name>RegisterModel</name>
    <message>
        <location filename="../../ui/register_model.py" line="114" />
        <source>户编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="115" />
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="116" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="117" />
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="118" />
        <source>人数</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="119" />
        <source>人员类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="120" />
        <source>适用规则</source>
        <translation>Governing rule</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="121" />
        <source>最近走访</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="122" />
        <source>下次应访</source>
        <translation>Next due</translation>
    </message>
    <message>
        <location filename="../../ui/register_model.py" line="123" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../ui/pages/reports.py" line="17" />
        <source>统计报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="18" />
        <source>各网格、各类别的走访完成率和诉求三率。</source>
        <translation>Visit completion per grid and category; response, resolution and satisfaction rates.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/settings.py" line="17" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="18" />
        <source>界面语言、字体、账户和备份设置。</source>
        <translation>Language, fonts, accounts and backups.</translation>
    </message>
</context>
<context>
    <name>ThisWeekPage</name>
    <message>
        <location filename="../../ui/pages/this_week.py" line="17" />
        <source>本周走访</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../../ui/pages/this_week.py" line="18" />
        <source>本周走访名单：打印、回填走访结果。</source>
        <translation>This week's roster: print it, enter the results.</translation>
    </message>
</context>
<context>
    <name>VisitsPage</name>
    <message>
        <location filename="../../ui/pages/visits.py" line="17" />
        <source>走访记录</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visits.py" line="18" />
        <source>民情日志：走访记录的录入、查询和点评。</source>
        <translation>Visit log: enter, search and review visits.</translation>
    </message>
</context>
</TS>