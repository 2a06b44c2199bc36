<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>BuildingChartPage</name>
    <message>
        <location filename="../../ui/part2/building_chart.py" line="212" />
        <location filename="../../ui/part2/building_chart.py" line="285" />
        <source>导出 PDF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/building_chart.py" line="215" />
        <source>楼栋：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/building_chart.py" line="224" />
        <source>本期已访</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/building_chart.py" line="224" />
        <source>应访</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/building_chart.py" line="225" />
        <source>逾期</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/building_chart.py" line="225" />
        <source>上次未遇</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/building_chart.py" line="243" />
        <source>楼栋图</source>
        <translation>Building chart</translation>
    </message>
    <message>
        <location filename="../../ui/part2/building_chart.py" line="257" />
        <source>没有楼栋</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/building_chart.py" line="260" />
        <source>正在读取…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/building_chart.py" line="266" />
        <source>%1 户</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/building_chart.py" line="275" />
        <source>住户详情</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>按楼栋、单元、楼层的分色住户图。</source>
        <translation>Colour-coded map of each building by entrance and floor.</translation>
    </message>
</context>
<context>
    <name>BuildingMap</name>
    <message>
        <location filename="../../ui/part2/building_chart.py" line="155" />
        <source>%1单元</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/building_chart.py" line="159" />
        <source>%1层</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/building_chart.py" line="185" />
        <source>%1 %2室
户主：%3
人口：%4
上次走访：%5</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/building_chart.py" line="187" />
        <source>从未</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/part2/dashboard.py" line="79" />
        <source>正在统计…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/dashboard.py" line="83" />
        <location filename="../../ui/part2/dashboard.py" line="192" />
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../ui/part2/dashboard.py" line="83" />
        <source>逾期</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/dashboard.py" line="83" />
        <source>本周应访</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/dashboard.py" line="84" />
        <source>本周已访</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/dashboard.py" line="84" />
        <source>本月完成率</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/dashboard.py" line="93" />
        <source>点击任一数字或柱形查看对应住户</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/dashboard.py" line="95" />
        <source>未办结诉求（按时长）：诉求服务尚未提供。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/dashboard.py" line="117" />
        <source>工作台</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../ui/part2/dashboard.py" line="167" />
        <source>本周 %1：应访 %2 户（逾期 %3 户），已访 %4 次；本月 %5 完成率 %6</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/dashboard.py" line="176" />
        <source>本月各网格完成率（%）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/dashboard.py" line="177" />
        <source>完成率</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/dashboard.py" line="206" />
        <source>近 %1 个月完成率趋势（%）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/dashboard.py" line="259" />
        <source>%1 · 本周已访</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/dashboard.py" line="262" />
        <source>%1 · 本月未完成</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/dashboard.py" line="267" />
        <source>%1 漏访</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>本周应访、逾期户数和待办诉求一览。</source>
        <translation>This week's due and overdue households and open needs at a glance.</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <location filename="../../ui/security/first_start.py" line="27" />
        <source>首次使用：创建管理员账户</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../ui/security/first_start.py" line="28" />
        <source>这是第一次打开此数据库。请创建管理员账户，之后每次打开都需要登录。密码至少 %n 个字符。</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <location filename="../../ui/security/first_start.py" line="47" />
        <source>用户名</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/security/first_start.py" line="48" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/security/first_start.py" line="49" />
        <source>密码</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/security/first_start.py" line="50" />
        <source>再输入一次</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/security/first_start.py" line="63" />
        <source>两次输入的密码不一致</source>
        <translation type="unfinished" />
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
        <location filename="../../ui/household_editor.py" line="340" />
        <source>视力</source>
        <translation>sight</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="341" />
        <source>听力</source>
        <translation>hearing</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="342" />
        <source>言语</source>
        <translation>speech</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="343" />
        <source>肢体</source>
        <translation>physical</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="344" />
        <source>智力</source>
        <translation>intellectual</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="345" />
        <source>精神</source>
        <translation>mental</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="346" />
        <source>多重</source>
        <translation>multiple</translation>
    </message>
    <message>
        <location filename="../../ui/household_editor.py" line="444" />
        <source>另一处已修改此户：您的修改未保存。请关闭后重新打开以查看最新内容。</source>
        <translation>This household was changed elsewhere: your changes were not saved. Close and reopen it to see the latest version.</translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <location filename="../../ui/pages/households.py" line="60" />
        <source>姓名、拼音首字母、电话或身份证尾号、地址（如 3-2-501）</source>
        <translation>Name, pinyin initials, phone or ID tail, address (e.g. 3-2-501)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="63" />
        <source>仅逾期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="64" />
        <source>新建住户</source>
        <translation>New household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="65" />
        <source>新建住户 (Ctrl+N)</source>
        <translation>New household (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="70" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="76" />
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="79" />
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="177" />
        <source>住户台账</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="206" />
        <source>请再输入一个字母</source>
        <translation>Type one more letter</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/households.py" line="228" />
        <source>共 %n 户</source>
        <translation>
            <numerusform>%n household</numerusform><numerusform>%n households</numerusform></translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/security/idle_lock.py" line="45" />
        <source>已锁定：%1 长时间未操作，请重新输入密码</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/security/idle_lock.py" line="53" />
        <source>解锁</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/security/login.py" line="32" />
        <source>登录 GridKeeper</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/security/login.py" line="44" />
        <source>用户名</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/security/login.py" line="45" />
        <source>密码</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/security/login.py" line="63" />
        <source>登录失败</source>
        <translation type="unfinished" />
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
        <location filename="../../ui/part2/needs.py" line="62" />
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="66" />
        <source>全部渠道</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="70" />
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="72" />
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="75" />
        <source>仅超期</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="86" />
        <source>受理期间：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="97" />
        <source>编号</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="97" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="97" />
        <source>渠道</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="97" />
        <source>类别</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="97" />
        <source>住户</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="98" />
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="98" />
        <source>受理时间</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="98" />
        <source>期限</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="98" />
        <source>承办人</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="98" />
        <source>诉求内容</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="105" />
        <source>受理</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="106" />
        <source>办理完成…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="107" />
        <source>办结（满意度）…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="108" />
        <source>不予受理…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="134" />
        <source>民情诉求</source>
        <translation>Needs</translation>
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="159" />
        <source>受理 %1 件 · 及时响应率 %2 · 按期办结率 %3 · 满意率 %4</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="182" />
        <source>已超期</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="207" />
        <source>诉求 %1 已更新。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="217" />
        <source>办理完成</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="217" />
        <source>办理结果（必填）：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="226" />
        <source>办结</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="226" />
        <source>群众满意度：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="234" />
        <source>不予受理</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/needs.py" line="234" />
        <source>理由（必填）：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>诉求台账：受理、转办、回访，直至办结。</source>
        <translation>Needs ledger: receive, refer, call back, until closed.</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../ui/part2/pdf_preview.py" line="28" />
        <source>打印…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/pdf_preview.py" line="29" />
        <source>另存为…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/pdf_preview.py" line="30" />
        <source>关闭</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/pdf_preview.py" line="68" />
        <source>另存为</source>
        <translation type="unfinished" />
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
        <location filename="../../ui/part2/reports.py" line="69" />
        <source>按网格</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="69" />
        <source>按网格员</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="69" />
        <source>按管理类别</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="73" />
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="76" />
        <location filename="../../ui/part2/reports.py" line="209" />
        <source>导出 PDF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="77" />
        <location filename="../../ui/part2/reports.py" line="224" />
        <source>导出 Excel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="83" />
        <source>周期：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="87" />
        <source>分组：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="89" />
        <source>网格：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="99" />
        <source>分组</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="99" />
        <source>应访户数</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="99" />
        <source>应访次数</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="99" />
        <source>已访次数</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="100" />
        <source>完成率</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="100" />
        <source>按时率</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="100" />
        <source>漏访户数</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="100" />
        <source>待访户数</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="108" />
        <location filename="../../ui/part2/reports.py" line="234" />
        <source>漏访住户</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="132" />
        <source>统计报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="155" />
        <source>正在统计…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="164" />
        <source>合计</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="178" />
        <source>%1：应访 %2 次，已访 %3 次，完成率 %4，按时率 %5（截至 %6）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="203" />
        <source>漏访住户（%1 户）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="213" />
        <source>正在排版…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="216" />
        <source>已导出：%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/reports.py" line="234" />
        <source>编号</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>各网格、各类别的走访完成率和诉求三率。</source>
        <translation>Visit completion per grid and category; response, resolution and satisfaction rates.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/part2/settings.py" line="40" />
        <source>管理类别与走访规则</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/settings.py" line="42" />
        <source>代码</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/settings.py" line="42" />
        <source>名称</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/settings.py" line="42" />
        <source>颜色</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/settings.py" line="56" />
        <source>修改类别、颜色、走访频次与派生条件：尚无对应的服务，暂不能在此修改。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/settings.py" line="58" />
        <source>网格与网格员</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/settings.py" line="63" />
        <source>新增、改名网格和分配网格员：尚无对应的服务，暂不能在此修改。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/settings.py" line="65" />
        <source>界面与备份</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/settings.py" line="73" />
        <source>重新启动后生效</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/settings.py" line="77" />
        <source>界面语言：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/settings.py" line="84" />
        <source>备份文件夹：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/settings.py" line="86" />
        <source>PDF 选项（默认是否脱敏、字体）与备份文件夹、计划的修改：尚无对应的服务。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/settings.py" line="94" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>界面语言、字体、账户和备份设置。</source>
        <translation>Language, fonts, accounts and backups.</translation>
    </message>
</context>
<context>
    <name>ThisWeekPage</name>
    <message>
        <location filename="../../ui/part2/this_week.py" line="92" />
        <source>上一周</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="98" />
        <source>下一周</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="99" />
        <source>本周</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="101" />
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="105" />
        <source>打印预览</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="106" />
        <location filename="../../ui/part2/this_week.py" line="435" />
        <source>导出 Excel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="107" />
        <source>保存走访结果</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="117" />
        <source>网格：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="126" />
        <source>打印后自动填入</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="128" />
        <location filename="../../ui/part2/this_week.py" line="389" />
        <source>登记诉求</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="133" />
        <source>回填：选中一行按 1 见面、2 未遇、3 拒访、4 外出，自动跳到下一行；0 或退格清除；← → 到走访人、日期、备注列直接输入；Ctrl+R 为当前户登记诉求；Ctrl+S 保存。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="139" />
        <location filename="../../ui/part2/this_week.py" line="440" />
        <source>编号</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="139" />
        <location filename="../../ui/part2/this_week.py" line="440" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="139" />
        <location filename="../../ui/part2/this_week.py" line="440" />
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="139" />
        <location filename="../../ui/part2/this_week.py" line="440" />
        <source>管理类别</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="139" />
        <location filename="../../ui/part2/this_week.py" line="441" />
        <source>原因</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="140" />
        <location filename="../../ui/part2/this_week.py" line="441" />
        <source>应访日期</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="140" />
        <location filename="../../ui/part2/this_week.py" line="441" />
        <source>上次走访</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="140" />
        <source>走访人</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="140" />
        <source>走访结果</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="141" />
        <source>日期</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="141" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="152" />
        <source>保存走访结果：走访服务（批量录入）尚未提供，结果暂不能保存。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="160" />
        <source>花名册编号：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="185" />
        <source>本周走访</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="211" />
        <source>%1（%2 至 %3）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="217" />
        <source>正在计算应访名单…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="221" />
        <source>计算失败：%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="244" />
        <source>%1 %2天</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="250" />
        <source>从未</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="261" />
        <source>本周应访 %1 户：逾期 %2，应访 %3，计划 %4</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="329" />
        <source>第%1行：日期“%2”应写成 2026-11-23</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="360" />
        <source>尚未录入任何走访结果。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="367" />
        <source>第%1行（%2）：%3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="378" />
        <source>已保存 %1 条走访记录。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="389" />
        <source>%1 户的诉求：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="399" />
        <source>第%1行：%2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="403" />
        <source>[已登记诉求]</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="411" />
        <source>正在排版花名册…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="424" />
        <source>花名册已生成：%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="427" />
        <source>走访花名册 %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="440" />
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="441" />
        <source>走访要求</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="442" />
        <source>网格员</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/this_week.py" line="450" />
        <source>已导出：%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>本周走访名单：打印、回填走访结果。</source>
        <translation>This week's roster: print it, enter the results.</translation>
    </message>
</context>
<context>
    <name>VisitsPage</name>
    <message>
        <location filename="../../ui/part2/visits.py" line="59" />
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="63" />
        <location filename="../../ui/part2/visits.py" line="85" />
        <source>走访人</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="66" />
        <source>全部结果</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="70" />
        <source>全部方式</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="74" />
        <source>日期：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="84" />
        <source>日期</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="84" />
        <source>住户</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="84" />
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="84" />
        <source>方式</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="84" />
        <source>结果</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="85" />
        <source>已审核</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="85" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="93" />
        <source>选择一条走访记录查看详情、修改历史和审核意见</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="112" />
        <source>走访记录</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="135" />
        <source>（仅显示最近 %1 条，请缩小范围）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="136" />
        <source>共 %1 条走访记录</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="141" />
        <source>是</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="158" />
        <source>身体状况</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="158" />
        <source>安全隐患</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="159" />
        <source>生活状况</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="159" />
        <source>家庭情况</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="160" />
        <source>诉求需求</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/part2/visits.py" line="160" />
        <source>隐患</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>民情日志：走访记录的录入、查询和点评。</source>
        <translation>Visit log: enter, search and review visits.</translation>
    </message>
</context>
</TS>