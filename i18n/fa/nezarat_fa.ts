<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS language="fa_IR" version="2.1">
<context>
    <name>CandidateStatus</name>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="19" />
        <source>Registered</source>
        <translation>ثبت‌نام‌شده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="20" />
        <source>Approved by the executive board</source>
        <translation>تأیید صلاحیت در هیات اجرایی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="23" />
        <source>Rejected by the executive board</source>
        <translation>رد صلاحیت در هیات اجرایی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="26" />
        <source>Approved by the supervisory board</source>
        <translation>تأیید صلاحیت در هیات نظارت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="29" />
        <source>Rejected by the supervisory board</source>
        <translation>رد صلاحیت در هیات نظارت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="32" />
        <source>Objection filed</source>
        <translation>اعتراض ثبت‌شده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="33" />
        <source>Objection accepted</source>
        <translation>اعتراض پذیرفته‌شده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="34" />
        <source>Objection rejected</source>
        <translation>اعتراض رد‌شده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="35" />
        <source>Approved (final)</source>
        <translation>تأیید صلاحیت نهایی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="36" />
        <source>Rejected (final)</source>
        <translation>رد صلاحیت نهایی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="37" />
        <source>Candidate code issued</source>
        <translation>کد داوطلب صادر‌شده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="38" />
        <source>Withdrawn</source>
        <translation>انصراف‌داده</translation>
    </message>
</context><context>
    <name>DossierTableModel</name>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="43" />
        <source>Registration id</source>
        <translation>شناسه ثبت‌نام</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="44" />
        <source>Name</source>
        <translation>نام و نام خانوادگی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="45" />
        <source>National id</source>
        <translation>کد ملی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="46" />
        <source>Birth date</source>
        <translation>تاریخ تولد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="47" />
        <source>Constituency</source>
        <translation>حوزه انتخابیه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="48" />
        <source>County</source>
        <translation>شهرستان</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="49" />
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="73" />
        <source>Father's name: {name}</source>
        <translation>نام پدر: {name}</translation>
    </message>
</context><context>
    <name>DossiersPage</name>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="50" />
        <source>Dossiers</source>
        <translation>پرونده‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="57" />
        <source>Search by name, national id or registration id (Ctrl+F)</source>
        <translation>جستجو با نام، کد ملی یا شناسه ثبت‌نام (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="60" />
        <source>Search dossiers</source>
        <translation>جستجوی پرونده‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="116" />
        <source>The search failed; see the log.</source>
        <translation>جستجو انجام نشد؛ جزئیات در فایل گزارش برنامه ثبت شده است.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="126" />
        <source>No dossier matches this search</source>
        <translation>هیچ پرونده‌ای با این جستجو یافت نشد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="127" />
        <source>No dossiers yet; they arrive with the next sync</source>
        <translation>هنوز پرونده‌ای وجود ندارد؛ پرونده‌ها با همگام‌سازی بعدی دریافت می‌شوند</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="129" />
        <source>Dossiers: {total} (showing the first {shown})</source>
        <translation>تعداد پرونده‌ها: {total} (نمایش {shown} مورد نخست)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="132" />
        <source>Dossiers: {total}</source>
        <translation>تعداد پرونده‌ها: {total}</translation>
    </message>
</context><context>
    <name>HomePage</name>
    <message>
        <location filename="../../supervisor_app/ui/pages/home.py" line="57" />
        <source>Overview</source>
        <translation>نمای کلی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/home.py" line="74" />
        <source>Election cycle:</source>
        <translation>دوره انتخابات:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/home.py" line="75" />
        <source>Board:</source>
        <translation>هیات:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/home.py" line="76" />
        <source>Waiting to be sent:</source>
        <translation>در صف ارسال:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/home.py" line="77" />
        <source>Last sync:</source>
        <translation>آخرین همگام‌سازی:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/home.py" line="78" />
        <source>Audit log:</source>
        <translation>دفتر رویدادها:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/home.py" line="100" />
        <source>The overview could not be read; see the log.</source>
        <translation>خلاصه وضعیت خوانده نشد؛ جزئیات در فایل گزارش برنامه ثبت شده است.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/home.py" line="108" />
        <source>Not set</source>
        <translation>تعیین نشده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/home.py" line="113" />
        <source>{count} items</source>
        <translation>{count} مورد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/home.py" line="116" />
        <source>Nothing; everything has been sent</source>
        <translation>هیچ؛ همه موارد ارسال شده است</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/home.py" line="118" />
        <source>Never</source>
        <translation>تاکنون انجام نشده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/home.py" line="124" />
        <source>{date} at {time}</source>
        <translation>{date} ساعت {time}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/home.py" line="128" />
        <source>Intact ({count} events)</source>
        <translation>سالم ({count} رویداد)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/home.py" line="132" />
        <source>BROKEN: the audit log has been altered; tell the board's IT officer</source>
        <translation>مخدوش: دفتر رویدادها دستکاری شده است؛ به مسئول فناوری اطلاعات هیات اطلاع دهید</translation>
    </message>
</context><context>
    <name>MainWindow</name>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="60" />
        <source>Nezarat — Supervisory Board</source>
        <translation>نظارت — هیات نظارت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="67" />
        <source>Home</source>
        <translation>صفحه اصلی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="68" />
        <source>Dossiers</source>
        <translation>پرونده‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="69" />
        <source>Board sessions</source>
        <translation>جلسات هیات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="70" />
        <source>Rulings</source>
        <translation>آرا</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="71" />
        <source>Observer reports</source>
        <translation>گزارش‌های ناظران</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="72" />
        <source>Complaints</source>
        <translation>شکایات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="73" />
        <source>Sync</source>
        <translation>همگام‌سازی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="78" />
        <source>Sections</source>
        <translation>بخش‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="133" />
        <source>&amp;File</source>
        <translation>&amp;فایل</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="134" />
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="139" />
        <source>&amp;Help</source>
        <translation>&amp;راهنما</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="140" />
        <source>&amp;About Nezarat</source>
        <translation>&amp;درباره نظارت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="155" />
        <source>Data directory: {path}</source>
        <translation>پوشه داده‌ها: {path}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="167" />
        <source>Today: {date}</source>
        <translation>امروز: {date}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="170" />
        <source>Nezarat, version {version}
Desktop client of the election supervisory boards.

Data directory: {path}</source>
        <translation>نظارت، نسخه {version}
نرم‌افزار رومیزی هیات‌های نظارت بر انتخابات.

پوشه داده‌ها: {path}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="180" />
        <source>About Nezarat</source>
        <translation>درباره نظارت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="186" />
        <source>Board sessions will be listed here</source>
        <translation>فهرست جلسات هیات در این صفحه نمایش داده می‌شود</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="187" />
        <source>Once session management is available, this page lists the board's sessions with their agenda, the members present and whether the quorum was met.</source>
        <translation>پس از راه‌اندازی بخش مدیریت جلسات، فهرست جلسات هیات همراه با دستور جلسه، اعضای حاضر و وضعیت حد نصاب در این صفحه نمایش داده خواهد شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="196" />
        <source>Rulings will be listed here</source>
        <translation>فهرست آرا در این صفحه نمایش داده می‌شود</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="197" />
        <source>Draft rulings waiting for the members' signatures, and sealed rulings ready to print, will appear on this page once rulings are available.</source>
        <translation>پس از راه‌اندازی بخش صدور رأی، پیش‌نویس آرای در انتظار امضای اعضا و آرای نهایی‌شده و آماده چاپ در این صفحه نمایش داده خواهد شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="205" />
        <source>Observer reports will be listed here</source>
        <translation>فهرست گزارش‌های ناظران در این صفحه نمایش داده می‌شود</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="206" />
        <source>Reports that observers file from polling branches will appear here, with their branch and time, once observer reporting is available.</source>
        <translation>پس از راه‌اندازی بخش گزارش‌های ناظران، گزارش‌هایی که ناظران از شعب اخذ رأی ثبت می‌کنند همراه با شعبه و زمان ثبت در این صفحه نمایش داده خواهد شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="214" />
        <source>Complaints will be listed here</source>
        <translation>فهرست شکایات در این صفحه نمایش داده می‌شود</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="215" />
        <source>Complaints received by the board, and how each one was handled, will appear here once complaint handling is available.</source>
        <translation>پس از راه‌اندازی بخش رسیدگی به شکایات، شکایت‌های واصل‌شده به هیات و نتیجه رسیدگی به هر یک در این صفحه نمایش داده خواهد شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="223" />
        <source>Sync status will be shown here</source>
        <translation>وضعیت همگام‌سازی در این صفحه نمایش داده می‌شود</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="224" />
        <source>This page will show the connection to the registration system, the items waiting to be sent and the history of each sync. Until then, the home page shows how many items are waiting to be sent.</source>
        <translation>این صفحه وضعیت ارتباط با سامانه ثبت‌نام، موارد در صف ارسال و سابقه هر نوبت همگام‌سازی را نشان خواهد داد. تا آن زمان، شمار موارد در صف ارسال در صفحه اصلی نمایش داده می‌شود.</translation>
    </message>
</context><context>
    <name>OverviewCounts</name>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="64" />
        <source>Dossiers</source>
        <translation>پرونده‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="65" />
        <source>Qualification decisions</source>
        <translation>تصمیم‌های بررسی صلاحیت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="66" />
        <source>Objections</source>
        <translation>اعتراض‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="67" />
        <source>Rulings</source>
        <translation>آرا</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="68" />
        <source>Complaints</source>
        <translation>شکایات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="69" />
        <source>Observer reports</source>
        <translation>گزارش‌های ناظران</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="70" />
        <source>Provinces</source>
        <translation>استان‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="71" />
        <source>Counties</source>
        <translation>شهرستان‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="72" />
        <source>Districts</source>
        <translation>بخش‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="73" />
        <source>Constituencies</source>
        <translation>حوزه‌های انتخابیه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="74" />
        <source>Boards</source>
        <translation>هیات‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="75" />
        <source>Board members</source>
        <translation>اعضای هیات‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="76" />
        <source>Polling branches</source>
        <translation>شعب اخذ رأی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="77" />
        <source>Observers</source>
        <translation>ناظران</translation>
    </message>
</context></TS>
