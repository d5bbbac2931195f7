<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS language="fa_IR" version="2.1">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="76" />
        <source>Save diagnostic bundle</source>
        <translation>ذخیرهٔ بستهٔ عیب‌یابی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="106" />
        <source>Diagnostic bundle saved</source>
        <translation>بستهٔ عیب‌یابی ذخیره شد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="107" />
        <source>The diagnostic bundle was saved as:
{path}

It holds the logs, the settings and the versions, without passwords, keys or the database. Send this one file to support.</source>
        <translation>بستهٔ عیب‌یابی با این نام ذخیره شد:
{path}

این بسته گزارش‌های برنامه، تنظیمات و نسخه‌ها را دارد، بدون گذرواژه، کلید و پایگاه داده. همین یک فایل را برای پشتیبانی بفرستید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="119" />
        <source>Diagnostic bundle not saved</source>
        <translation>بستهٔ عیب‌یابی ذخیره نشد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="120" />
        <source>The diagnostic bundle could not be written: {reason}</source>
        <translation>نوشتن بستهٔ عیب‌یابی ممکن نشد: {reason}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="150" />
        <source>About Nezarat</source>
        <translation>دربارهٔ نظارت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="157" />
        <source>Nezarat</source>
        <translation>نظارت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="159" />
        <source>Desktop client of the election supervisory boards.</source>
        <translation>نرم‌افزار رومیزی هیات‌های نظارت بر انتخابات.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="162" />
        <source>Never</source>
        <translation>هرگز</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="171" />
        <source>No backup yet</source>
        <translation>هنوز نسخهٔ پشتیبانی تهیه نشده است</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="177" />
        <source>None yet</source>
        <translation>هنوز دریافت نشده است</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="180" />
        <source>Version</source>
        <translation>نسخه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="181" />
        <source>Data directory</source>
        <translation>پوشه داده‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="182" />
        <source>Database</source>
        <translation>پایگاه داده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="183" />
        <source>Backups</source>
        <translation>نسخه‌های پشتیبان</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="184" />
        <source>Logs</source>
        <translation>گزارش‌های برنامه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="185" />
        <source>Last sync</source>
        <translation>آخرین همگام‌سازی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="186" />
        <source>Last backup</source>
        <translation>آخرین پشتیبان‌گیری</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="187" />
        <source>Python</source>
        <translation>پایتون</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="188" />
        <source>Qt</source>
        <translation>کیوت (Qt)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="189" />
        <source>Operating system</source>
        <translation>سیستم‌عامل</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="190" />
        <source>Central CA fingerprint</source>
        <translation>اثر انگشت مرجع گواهی مرکزی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="200" />
        <source>Font: Noto Sans Arabic, under the SIL Open Font License 1.1.</source>
        <translation>قلم: Noto Sans Arabic، با پروانهٔ SIL Open Font License 1.1.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="204" />
        <source>Save diagnostic bundle…</source>
        <translation>ذخیرهٔ بستهٔ عیب‌یابی…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/about.py" line="205" />
        <source>Open data folder</source>
        <translation>باز کردن پوشه داده‌ها</translation>
    </message>
</context><context>
    <name>BackupController</name>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="237" />
        <source>Daily backup made: {name}</source>
        <translation>نسخهٔ پشتیبان روزانه تهیه شد: {name}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="244" />
        <source>The daily backup failed; see the log.</source>
        <translation>پشتیبان‌گیری روزانه انجام نشد؛ جزئیات در گزارش برنامه است.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="250" />
        <source>A backup is already being made.</source>
        <translation>یک نسخهٔ پشتیبان در حال تهیه است.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="253" />
        <source>Making a backup…</source>
        <translation>در حال تهیهٔ نسخهٔ پشتیبان…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="265" />
        <source>Backup made: {name}</source>
        <translation>نسخهٔ پشتیبان تهیه شد: {name}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="267" />
        <source>Backup made</source>
        <translation>نسخهٔ پشتیبان تهیه شد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="268" />
        <source>The data was backed up and checked:
{path}</source>
        <translation>از داده‌ها نسخهٔ پشتیبان تهیه و سلامت آن بررسی شد:
{path}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="275" />
        <source>Backup failed</source>
        <translation>پشتیبان‌گیری انجام نشد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="287" />
        <source>Cannot restore this file</source>
        <translation>این فایل را نمی‌توان بازگرداند</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="291" />
        <source>Restore this backup?</source>
        <translation>این نسخهٔ پشتیبان بازگردانده شود؟</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="293" />
        <source>Restoring…</source>
        <translation>در حال بازگردانی…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="297" />
        <source>Restore failed</source>
        <translation>بازگردانی انجام نشد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="303" />
        <source>The data it replaced was kept as the backup {name}.</source>
        <translation>داده‌هایی که جایگزین شدند، در نسخهٔ پشتیبان {name} نگه داشته شدند.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="316" />
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="310" />
        <source>Backup restored</source>
        <translation>نسخهٔ پشتیبان بازگردانده شد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="311" />
        <source>The backup was restored. {kept}

Nezarat now starts again.</source>
        <translation>نسخهٔ پشتیبان بازگردانده شد. {kept}

نظارت اکنون دوباره باز می‌شود.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="316" />
        <source>Please start Nezarat again.</source>
        <translation>لطفاً نظارت را دوباره باز کنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="327" />
        <source>Restore</source>
        <translation>بازگردانی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="345" />
        <source>Unexpected error: {reason}</source>
        <translation>خطای پیش‌بینی‌نشده: {reason}</translation>
    </message>
</context><context>
    <name>BatchChoice</name>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="82" />
        <source>Loading the sessions…</source>
        <translation>در حال خواندن جلسه‌ها…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="83" />
        <source>Which rulings</source>
        <translation>کدام رأی‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="85" />
        <source>A board session:</source>
        <translation>یک جلسهٔ هیات:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="86" />
        <source>Rulings matching a filter:</source>
        <translation>رأی‌های منطبق با این شرایط:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="92" />
        <source>Board session</source>
        <translation>جلسهٔ هیات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="94" />
        <source>All boards</source>
        <translation>همهٔ هیات‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="96" />
        <source>Any status</source>
        <translation>هر وضعیتی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="102" />
        <source>Issued from (Jalali)</source>
        <translation>صادرشده از تاریخ (شمسی)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="105" />
        <source>Issued to (Jalali)</source>
        <translation>صادرشده تا تاریخ (شمسی)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="108" />
        <source>Board:</source>
        <translation>هیات:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="109" />
        <source>Status:</source>
        <translation>وضعیت:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="110" />
        <source>Issued from:</source>
        <translation>صادرشده از:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="111" />
        <source>Issued to:</source>
        <translation>صادرشده تا:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="134" />
        <source>{date} — {board} — {n} rulings</source>
        <translation>{date} — {board} — {n} رأی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="159" />
        <source>The sessions could not be read; see the log.</source>
        <translation>جلسه‌ها خوانده نشد؛ گزارش رویدادها را ببینید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="175" />
        <source>Choose a session.</source>
        <translation>یک جلسه را انتخاب کنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="183" />
        <source>Dates are Jalali, like {example}.</source>
        <translation>تاریخ را به شمسی و به شکل {example} وارد کنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="188" />
        <source>The first date is after the last one.</source>
        <translation>تاریخ آغاز پس از تاریخ پایان است؛ بازه را اصلاح کنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="214" />
        <source>Counting the rulings…</source>
        <translation>در حال شمارش رأی‌ها…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="221" />
        <source>{n} rulings selected</source>
        <translation>{n} رأی انتخاب شد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="223" />
        <source>No ruling matches.</source>
        <translation>هیچ رأیی با این شرایط نیست.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="231" />
        <source>That session no longer exists.</source>
        <translation>این جلسه دیگر وجود ندارد؛ جلسهٔ دیگری انتخاب کنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/batch_print.py" line="234" />
        <source>The rulings could not be read; see the log.</source>
        <translation>رأی‌ها خوانده نشد؛ گزارش رویدادها را ببینید.</translation>
    </message>
</context><context>
    <name>BatchPrintDialog</name>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/print_dialogs.py" line="116" />
        <source>Print rulings</source>
        <translation>چاپ رأی‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/print_dialogs.py" line="118" />
        <source>{n} rulings selected</source>
        <translation>{n} رأی انتخاب شده است</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/print_dialogs.py" line="120" />
        <source>Include each candidate's notification</source>
        <translation>ابلاغیهٔ هر داوطلب هم چاپ شود</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/print_dialogs.py" line="121" />
        <source>Save as one PDF file</source>
        <translation>ذخیره در یک پروندهٔ PDF</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/print_dialogs.py" line="122" />
        <source>Send to a printer</source>
        <translation>ارسال به چاپگر</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/print_dialogs.py" line="125" />
        <source>Browse…</source>
        <translation>انتخاب…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/print_dialogs.py" line="135" />
        <source>Print</source>
        <translation>چاپ</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/print_dialogs.py" line="167" />
        <source>Save rulings as PDF</source>
        <translation>ذخیرهٔ رأی‌ها به صورت PDF</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/print_dialogs.py" line="206" />
        <source>Preparing the rulings…</source>
        <translation>در حال آماده‌سازی رأی‌ها…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/print_dialogs.py" line="213" />
        <source>Cancelling…</source>
        <translation>در حال لغو…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/print_dialogs.py" line="222" />
        <source>Done.</source>
        <translation>انجام شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/print_dialogs.py" line="229" />
        <source>Cancelled; nothing was printed.</source>
        <translation>لغو شد؛ چیزی چاپ نشد.</translation>
    </message>
</context><context>
    <name>BoardPage</name>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="524" />
        <source>Your board</source>
        <translation>هیات شما</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="525" />
        <source>Choose the election cycle, your board and your name.</source>
        <translation>دوره انتخابات، هیات خود و نام خود را انتخاب کنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="537" />
        <source>Election cycle</source>
        <translation>دوره انتخابات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="538" />
        <source>Board</source>
        <translation>هیات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="539" />
        <source>Member at this computer</source>
        <translation>عضو پشت این رایانه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="562" />
        <source>Your account belongs to this board.</source>
        <translation>حساب کاربری شما متعلق به همین هیات است.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="573" />
        <source>None of them (no signing key now)</source>
        <translation>هیچ‌کدام (فعلاً کلید امضا ساخته نشود)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="578" />
        <source>Chair</source>
        <translation>رئیس</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="579" />
        <source>Deputy chair</source>
        <translation>نایب‌رئیس</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="580" />
        <source>Secretary</source>
        <translation>دبیر</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="581" />
        <source>Executive secretary</source>
        <translation>دبیر اجرایی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="582" />
        <source>Member</source>
        <translation>عضو</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="583" />
        <source>Alternate member</source>
        <translation>عضو علی‌البدل</translation>
    </message>
</context><context>
    <name>BranchComparisonView</name>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1023" />
        <source>Reports of the branch</source>
        <translation>گزارش‌های شعبه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1036" />
        <source> min</source>
        <translation> دقیقه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1056" />
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1037" />
        <source>Times agree within</source>
        <translation>هم‌خوانی زمان‌ها تا</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1043" />
        <source>Observed at</source>
        <translation>زمان مشاهده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1044" />
        <source>Category</source>
        <translation>نوع تخلف</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1045" />
        <source>Severity</source>
        <translation>شدت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1046" />
        <source>Witnesses</source>
        <translation>شاهدان</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1047" />
        <source>Observer</source>
        <translation>ناظر</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1048" />
        <source>Description</source>
        <translation>شرح</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1049" />
        <source>Attachments</source>
        <translation>پیوست‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1072" />
        <source>Accept a branch code or pick a report to see the branch's reports side by side.</source>
        <translation>کد شعبه‌ای را بپذیرید یا گزارشی را برگزینید تا گزارش‌های آن شعبه کنار هم نمایش داده شود.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1085" />
        <source>Branch {code} — {place} — {address}</source>
        <translation>شعبه {code} — {place} — {address}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1094" />
        <source>Report {n}</source>
        <translation>گزارش {n}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1126" />
        <source>No reports for this branch yet.</source>
        <translation>هنوز گزارشی برای این شعبه ثبت نشده است.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1128" />
        <source>One report: nothing to compare yet.</source>
        <translation>یک گزارش: هنوز چیزی برای مقایسه نیست.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1130" />
        <source>category</source>
        <translation>نوع تخلف</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1131" />
        <source>severity</source>
        <translation>شدت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1132" />
        <source>time</source>
        <translation>زمان</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1133" />
        <source>witnesses</source>
        <translation>شاهدان</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1137" />
        <source>{n} reports. Agree on: {agree}. Disagree on: {differ}.</source>
        <translation>{n} گزارش. هم‌خوان در: {agree}. ناهم‌خوان در: {differ}.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="1141" />
        <source>Corrected reports are replaced by their corrections.</source>
        <translation>گزارش‌های اصلاح‌شده با اصلاحیهٔ خود جایگزین شده‌اند.</translation>
    </message>
</context><context>
    <name>CandidateStatus</name>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="20" />
        <source>Registered</source>
        <translation>ثبت‌نام‌شده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="21" />
        <source>Approved by the executive board</source>
        <translation>تأیید صلاحیت در هیات اجرایی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="24" />
        <source>Rejected by the executive board</source>
        <translation>رد صلاحیت در هیات اجرایی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="27" />
        <source>Approved by the supervisory board</source>
        <translation>تأیید صلاحیت در هیات نظارت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="30" />
        <source>Rejected by the supervisory board</source>
        <translation>رد صلاحیت در هیات نظارت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="33" />
        <source>Objection filed</source>
        <translation>اعتراض ثبت‌شده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="34" />
        <source>Objection accepted</source>
        <translation>اعتراض پذیرفته‌شده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="35" />
        <source>Objection rejected</source>
        <translation>اعتراض رد‌شده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="36" />
        <source>Approved (final)</source>
        <translation>تأیید صلاحیت نهایی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="37" />
        <source>Rejected (final)</source>
        <translation>رد صلاحیت نهایی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="38" />
        <source>Candidate code issued</source>
        <translation>کد داوطلب صادر‌شده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="39" />
        <source>Withdrawn</source>
        <translation>انصراف‌داده</translation>
    </message>
</context><context>
    <name>ComplainantKind</name>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="81" />
        <source>Candidate</source>
        <translation>نامزد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="82" />
        <source>Observer</source>
        <translation>ناظر</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="83" />
        <source>Citizen</source>
        <translation>شهروند</translation>
    </message>
</context><context>
    <name>ComplaintEventKind</name>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="105" />
        <source>Registered</source>
        <translation>ثبت شد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="106" />
        <source>Assigned to</source>
        <translation>ارجاع به</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="107" />
        <source>Investigation note</source>
        <translation>یادداشت رسیدگی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="108" />
        <source>Report linked</source>
        <translation>پیوست گزارش</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="109" />
        <source>Branch linked</source>
        <translation>پیوست شعبه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="110" />
        <source>Escalated to</source>
        <translation>ارجاع به هیات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="111" />
        <source>Decided by ruling</source>
        <translation>صدور رأی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="112" />
        <source>Reopened for a new ruling</source>
        <translation>بازگشایی برای صدور رأی دوباره</translation>
    </message>
</context><context>
    <name>ComplaintOutcome</name>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="90" />
        <source>Dismiss the complaint</source>
        <translation>رد شکایت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="91" />
        <source>Uphold the complaint</source>
        <translation>وارد دانستن شکایت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="92" />
        <source>Recount</source>
        <translation>بازشماری آرا</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="93" />
        <source>Annul branches or ballot boxes (needs the central board)</source>
        <translation>ابطال شعبه یا صندوق (نیازمند تأیید هیات مرکزی)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="96" />
        <source>Refer to the judiciary</source>
        <translation>ارجاع به مرجع قضایی</translation>
    </message>
</context><context>
    <name>ComplaintStatus</name>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="69" />
        <source>Registered</source>
        <translation>ثبت‌شده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="70" />
        <source>Assigned</source>
        <translation>ارجاع‌شده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="71" />
        <source>Under investigation</source>
        <translation>در حال رسیدگی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="72" />
        <source>Escalated</source>
        <translation>ارجاع به هیات بالاتر</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="73" />
        <source>Decided</source>
        <translation>دارای رأی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="74" />
        <source>Rejected (not admissible)</source>
        <translation>رد (غیرقابل رسیدگی)</translation>
    </message>
</context><context>
    <name>ComplaintsPage</name>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="121" />
        <source>Awaiting the central board's approval</source>
        <translation>در انتظار تأیید هیات مرکزی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="149" />
        <source>Complaints</source>
        <translation>شکایات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="152" />
        <source>New complaint</source>
        <translation>شکایت تازه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="155" />
        <source>Refresh</source>
        <translation>به‌روزرسانی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="158" />
        <source>Show complaints</source>
        <translation>نمایش شکایات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="159" />
        <source>All complaints</source>
        <translation>همهٔ شکایات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="176" />
        <source>Complainant</source>
        <translation>شاکی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="274" />
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="177" />
        <source>Constituency</source>
        <translation>حوزهٔ انتخابیه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="178" />
        <source>Filed</source>
        <translation>تاریخ ثبت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="179" />
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="180" />
        <source>Decision due</source>
        <translation>مهلت صدور رأی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="447" />
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="181" />
        <source>Ruling</source>
        <translation>رأی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="227" />
        <source>Register a complaint</source>
        <translation>ثبت شکایت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="239" />
        <source>Branch codes, separated by commas</source>
        <translation>کد شعبه‌ها، جداشده با ویرگول</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="248" />
        <source>Received on (Jalali date and time)</source>
        <translation>تاریخ و ساعت دریافت (شمسی)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="249" />
        <source>Jalali date and time, e.g. 1405/02/11 09:30</source>
        <translation>تاریخ و ساعت شمسی، مانند ۱۴۰۵/۰۲/۱۱ ۰۹:۳۰</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="258" />
        <source>Register</source>
        <translation>ثبت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="271" />
        <source>Complainant's name</source>
        <translation>نام شاکی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="272" />
        <source>National id</source>
        <translation>کد ملی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="273" />
        <source>Complainant is a</source>
        <translation>سمت شاکی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="275" />
        <source>Branches</source>
        <translation>شعبه‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="276" />
        <source>Subject</source>
        <translation>موضوع شکایت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="277" />
        <source>Received on</source>
        <translation>تاریخ دریافت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="323" />
        <source>The date received is not a valid Jalali date and time; write it like 1405/02/11 09:30.</source>
        <translation>تاریخ دریافت، تاریخ و ساعت شمسی معتبری نیست؛ آن را مانند ۱۴۰۵/۰۲/۱۱ ۰۹:۳۰ بنویسید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="349" />
        <source>Complaints for this constituency are accepted until {date}.</source>
        <translation>شکایت‌های این حوزه تا {date} پذیرفته می‌شود.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="378" />
        <source>Recorded as not admissible: the deadline for complaints was {date}.</source>
        <translation>به‌عنوان شکایت غیرقابل رسیدگی ثبت شد: مهلت ثبت شکایت {date} بود.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="383" />
        <source>Complaint registered.</source>
        <translation>شکایت ثبت شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="400" />
        <source>Assign</source>
        <translation>ارجاع</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="403" />
        <source>Investigation note</source>
        <translation>یادداشت رسیدگی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="405" />
        <source>Add note</source>
        <translation>افزودن یادداشت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="408" />
        <source>Report id or branch code</source>
        <translation>شناسهٔ گزارش یا کد شعبه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="409" />
        <source>Link report</source>
        <translation>پیوست گزارش</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="411" />
        <source>Link branch</source>
        <translation>پیوست شعبه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="414" />
        <source>Why it goes to the higher board</source>
        <translation>علت ارجاع به هیات بالاتر</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="446" />
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="415" />
        <source>Escalate</source>
        <translation>ارجاع به هیات بالاتر</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="425" />
        <source>Article</source>
        <translation>ماده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="427" />
        <source>Clause</source>
        <translation>بند</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="429" />
        <source>Branches or boxes to annul (commas)</source>
        <translation>شعبه‌ها یا صندوق‌های موضوع ابطال (با ویرگول)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="430" />
        <source>Draft ruling…</source>
        <translation>پیش‌نویس رأی…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="441" />
        <source>Member</source>
        <translation>عضو</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="442" />
        <source>Note</source>
        <translation>یادداشت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="444" />
        <source>Link</source>
        <translation>پیوست</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="449" />
        <source>Outcome</source>
        <translation>نتیجه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="450" />
        <source>Reasoning</source>
        <translation>دلایل و مستندات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="451" />
        <source>Legal basis</source>
        <translation>مستند قانونی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="452" />
        <source>Annul</source>
        <translation>ابطال</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="458" />
        <source>History</source>
        <translation>سابقه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="479" />
        <source>Status: {status}; handled by {board}</source>
        <translation>وضعیت: {status}؛ در دست {board}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="482" />
        <source>Received on {date}</source>
        <translation>دریافت‌شده در {date}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="488" />
        <source>Deadline for complaints: {date}</source>
        <translation>مهلت ثبت شکایت: {date}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="494" />
        <source>Ruling: {state}</source>
        <translation>رأی: {state}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="561" />
        <source>Assigned.</source>
        <translation>ارجاع شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="565" />
        <source>Note added.</source>
        <translation>یادداشت افزوده شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="571" />
        <source>Report linked.</source>
        <translation>گزارش پیوست شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="576" />
        <source>Branch linked.</source>
        <translation>شعبه پیوست شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="581" />
        <source>Sent to the higher board.</source>
        <translation>به هیات بالاتر ارجاع شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="607" />
        <source>Ruling drafted; the members sign it on the Rulings page.</source>
        <translation>پیش‌نویس رأی تهیه شد؛ اعضا آن را در صفحهٔ آرا امضا می‌کنند.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="635" />
        <source>The complaints could not be read; see the log.</source>
        <translation>شکایات خوانده نشد؛ گزارش خطا را ببینید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="656" />
        <source>No complaints yet. Press Ctrl+N to register a written complaint.</source>
        <translation>هنوز شکایتی ثبت نشده است. برای ثبت شکایت کتبی Ctrl+N را بزنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="677" />
        <source>{due} ({days} days left)</source>
        <translation>{due} ({days} روز مانده)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="681" />
        <source>{due} (due today)</source>
        <translation>{due} (مهلت امروز)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="682" />
        <source>{due} ({days} days overdue)</source>
        <translation>{due} ({days} روز گذشته از مهلت)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="714" />
        <source>What this refers to is not on this workstation (yet). Sync, then try again.</source>
        <translation>آنچه این کار به آن مربوط است (هنوز) روی این رایانه نیست؛ همگام‌سازی کنید و دوباره امتحان کنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/complaints.py" line="717" />
        <source>The operation failed. Try again; if it fails again, call the IT officer (the details are in the log).</source>
        <translation>این کار انجام نشد. دوباره امتحان کنید و اگر باز هم انجام نشد با مسئول فناوری تماس بگیرید (جزئیات در گزارش کار برنامه ثبت شده است).</translation>
    </message>
</context><context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="315" />
        <source>Election-day dashboard</source>
        <translation>داشبورد روز انتخابات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="329" />
        <source>All constituencies</source>
        <translation>همهٔ حوزه‌های انتخابیه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="333" />
        <source>All days</source>
        <translation>همهٔ روزها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="336" />
        <source>Export CSV…</source>
        <translation>خروجی CSV…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="337" />
        <source>Export Excel…</source>
        <translation>خروجی اکسل…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="340" />
        <source>Counts (this dashboard)</source>
        <translation>آمار همین داشبورد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="342" />
        <source>All reports, one row each</source>
        <translation>همهٔ گزارش‌ها، هر گزارش در یک سطر</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="347" />
        <source>Constituency:</source>
        <translation>حوزه انتخابیه:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="350" />
        <source>Day:</source>
        <translation>روز:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="397" />
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="364" />
        <source>Reports</source>
        <translation>گزارش‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="365" />
        <source>Open complaints</source>
        <translation>شکایت‌های باز</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="402" />
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="366" />
        <source>Branches with reports</source>
        <translation>شعبه‌های دارای گزارش</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="367" />
        <source>Latest report</source>
        <translation>آخرین گزارش</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="368" />
        <source>Updated</source>
        <translation>به‌روزرسانی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="388" />
        <source>Reports by offence</source>
        <translation>گزارش‌ها بر حسب نوع تخلف</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="389" />
        <source>Reports by hour (Tehran time)</source>
        <translation>گزارش‌ها بر حسب ساعت (به وقت تهران)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="390" />
        <source>Constituencies with the most reports</source>
        <translation>حوزه‌های انتخابیه با بیشترین گزارش</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="396" />
        <source>Share</source>
        <translation>سهم</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="398" />
        <source>Offence</source>
        <translation>نوع تخلف</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="399" />
        <source>Severity</source>
        <translation>شدت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="400" />
        <source>Hour (Tehran time)</source>
        <translation>ساعت (به وقت تهران)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="405" />
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="402" />
        <source>Constituency</source>
        <translation>حوزه انتخابیه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="405" />
        <source>Branch</source>
        <translation>شعبه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="417" />
        <source>By offence</source>
        <translation>بر حسب نوع تخلف</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="418" />
        <source>By hour</source>
        <translation>بر حسب ساعت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="419" />
        <source>By constituency</source>
        <translation>بر حسب حوزه انتخابیه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="424" />
        <source>Branches with the most reports</source>
        <translation>شعبه‌های با بیشترین گزارش</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="425" />
        <source>Reports by severity</source>
        <translation>گزارش‌ها بر حسب شدت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="427" />
        <source>By branch and severity</source>
        <translation>بر حسب شعبه و شدت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="536" />
        <source>The counts could not be read from the store; they are retried shortly.</source>
        <translation>آمار از پایگاه داده خوانده نشد؛ چند لحظهٔ دیگر دوباره تلاش می‌شود.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="627" />
        <source>No observer reports match these filters yet.</source>
        <translation>هنوز گزارشی از ناظران با این فیلترها ثبت نشده است.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="667" />
        <source>Other branches ({n})</source>
        <translation>سایر شعبه‌ها ({n})</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="676" />
        <source>{date} at {time}</source>
        <translation>{date} ساعت {time}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="684" />
        <source>{date}, {start} to {end}</source>
        <translation>{date}، ساعت {start} تا {end}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="697" />
        <source>{label}: {count} reports</source>
        <translation>{label}: {count} گزارش</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="720" />
        <source>CSV files (*.csv)</source>
        <translation>فایل‌های CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="722" />
        <source>Excel workbooks (*.xlsx)</source>
        <translation>کارپوشه‌های اکسل (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="725" />
        <source>Export</source>
        <translation>ذخیرهٔ خروجی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="744" />
        <source>Saving {path}…</source>
        <translation>در حال ذخیرهٔ {path}…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="757" />
        <source>Saved: {path}</source>
        <translation>ذخیره شد: {path}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="765" />
        <source>Unexpected error: {reason}</source>
        <translation>خطای پیش‌بینی‌نشده: {reason}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dashboard.py" line="770" />
        <source>The file was not saved</source>
        <translation>فایل ذخیره نشد</translation>
    </message>
</context><context>
    <name>DonePage</name>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="693" />
        <source>Ready</source>
        <translation>آماده است</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="694" />
        <source>Press Finish to save the setup and open Nezarat.</source>
        <translation>برای ذخیرهٔ تنظیمات و باز کردن نظارت، «پایان» را بزنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="706" />
        <source>Data folder: {path}</source>
        <translation>پوشه داده‌ها: {path}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="707" />
        <source>Backups: {path} (one every day, kept for weeks)</source>
        <translation>نسخه‌های پشتیبان: {path} (هر روز یک نسخه، نگه‌داری تا چند هفته)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="709" />
        <source>Logs: {path}</source>
        <translation>گزارش‌های برنامه: {path}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="711" />
        <source>Board: {board}</source>
        <translation>هیات: {board}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="712" />
        <source>Election cycle: {cycle}</source>
        <translation>دوره انتخابات: {cycle}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="715" />
        <source>Signed in to {url} as {user}.</source>
        <translation>با حساب {user} به {url} وارد شده‌اید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="718" />
        <source>Demo data; not connected to a server yet.</source>
        <translation>دادهٔ نمایشی؛ هنوز به سروری وصل نیست.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="720" />
        <source>A signing key is made for {name} when you press Finish.</source>
        <translation>با زدن «پایان»، کلید امضا برای {name} ساخته می‌شود.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="723" />
        <source>Keys and the server sign-in are kept in {path}, under the master passphrase.</source>
        <translation>کلیدها و اطلاعات ورود به سرور در {path} و با گذرواژهٔ اصلی نگه‌داری می‌شوند.</translation>
    </message>
</context><context>
    <name>DossierListModel</name>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="112" />
        <source>Registration id</source>
        <translation>شناسه ثبت‌نام</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="113" />
        <source>Name</source>
        <translation>نام و نام خانوادگی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="114" />
        <source>National id</source>
        <translation>کد ملی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="115" />
        <source>Birth date</source>
        <translation>تاریخ تولد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="116" />
        <source>Constituency</source>
        <translation>حوزه انتخابیه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="117" />
        <source>County</source>
        <translation>شهرستان</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="118" />
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="119" />
        <source>Checks</source>
        <translation>بررسی خودکار</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="120" />
        <source>Deadline</source>
        <translation>مهلت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="385" />
        <source>Not checked yet</source>
        <translation>هنوز بررسی نشده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="387" />
        <source>All passed</source>
        <translation>بی‌اشکال</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="388" />
        <source>{count} failed</source>
        <translation>{count} ایراد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="394" />
        <source>Due today</source>
        <translation>مهلت امروز</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="396" />
        <source>{days} days left</source>
        <translation>{days} روز مانده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="397" />
        <source>{days} days late</source>
        <translation>{days} روز گذشته</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_model.py" line="401" />
        <source>Father's name: {name}</source>
        <translation>نام پدر: {name}</translation>
    </message>
</context><context>
    <name>DossierView</name>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="161" />
        <source>&amp;Back to the list</source>
        <translation>&amp;بازگشت به فهرست</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="163" />
        <source>&amp;Previous dossier</source>
        <translation>پرونده &amp;قبلی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="165" />
        <source>&amp;Next dossier</source>
        <translation>پرونده &amp;بعدی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="167" />
        <source>Put on the session &amp;agenda</source>
        <translation>افزودن به &amp;دستور جلسه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="169" />
        <source>Register an &amp;objection…</source>
        <translation>ثبت &amp;اعتراض…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="194" />
        <source>Authority</source>
        <translation>مرجع</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="195" />
        <source>Sent</source>
        <translation>تاریخ ارسال</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="196" />
        <source>Answered</source>
        <translation>تاریخ پاسخ</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="303" />
        <location filename="../../supervisor_app/ui/dossier_view.py" line="197" />
        <source>Result</source>
        <translation>نتیجه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="314" />
        <location filename="../../supervisor_app/ui/dossier_view.py" line="198" />
        <source>Note</source>
        <translation>توضیح</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="209" />
        <source>Date</source>
        <translation>تاریخ</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="210" />
        <source>Event</source>
        <translation>رویداد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="211" />
        <source>Board</source>
        <translation>هیات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="212" />
        <source>Outcome</source>
        <translation>نتیجه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="303" />
        <location filename="../../supervisor_app/ui/dossier_view.py" line="213" />
        <source>Legal basis</source>
        <translation>مستند قانونی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="214" />
        <source>Details</source>
        <translation>شرح</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="217" />
        <source>Candidate</source>
        <translation>داوطلب</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="218" />
        <source>Eligibility checks</source>
        <translation>بررسی شرایط</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="338" />
        <location filename="../../supervisor_app/ui/dossier_view.py" line="219" />
        <source>Documents</source>
        <translation>مدارک</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="220" />
        <source>Inquiries</source>
        <translation>استعلام‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="221" />
        <source>Executive board's opinion</source>
        <translation>نظر هیات اجرایی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="222" />
        <source>History</source>
        <translation>سوابق</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="255" />
        <source>Registration id:</source>
        <translation>شناسه ثبت‌نام:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="256" />
        <source>National id:</source>
        <translation>کد ملی:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="257" />
        <source>Father's name:</source>
        <translation>نام پدر:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="258" />
        <source>Born:</source>
        <translation>تاریخ تولد:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="259" />
        <source>Birthplace:</source>
        <translation>محل تولد:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="260" />
        <source>Gender:</source>
        <translation>جنسیت:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="261" />
        <source>Mobile:</source>
        <translation>تلفن همراه:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="262" />
        <source>Education:</source>
        <translation>تحصیلات:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="263" />
        <source>Degree verification code:</source>
        <translation>کد استعلام مدرک:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="264" />
        <source>Occupation:</source>
        <translation>شغل:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="265" />
        <source>Constituency:</source>
        <translation>حوزه انتخابیه:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="266" />
        <source>Residence:</source>
        <translation>محل سکونت:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="267" />
        <source>Military service:</source>
        <translation>نظام وظیفه:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="268" />
        <source>Veteran status:</source>
        <translation>ایثارگری:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="269" />
        <source>Former council member:</source>
        <translation>عضو پیشین شورا:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="270" />
        <source>Art. 41 post:</source>
        <translation>سمت مشمول ماده ۴۱:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="271" />
        <source>Registered:</source>
        <translation>زمان ثبت‌نام:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="272" />
        <source>Status:</source>
        <translation>وضعیت:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="273" />
        <source>Address:</source>
        <translation>نشانی:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="303" />
        <source>Criterion</source>
        <translation>شرط</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="303" />
        <source>Evidence</source>
        <translation>مستندات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="305" />
        <source>Eligibility checklist</source>
        <translation>فهرست بررسی شرایط</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="307" />
        <source>Manual criterion</source>
        <translation>شرط ارزیابی‌شده توسط اعضا</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="309" />
        <source>Met</source>
        <translation>احراز شد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="310" />
        <source>Not met</source>
        <translation>احراز نشد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="311" />
        <source>Judgement</source>
        <translation>نظر اعضا</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="313" />
        <source>Note (required): what the judgement rests on</source>
        <translation>توضیح (الزامی): نظر بر چه پایه‌ای است</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="315" />
        <source>&amp;Record judgement</source>
        <translation>&amp;ثبت نظر</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="322" />
        <source>Members' judgement:</source>
        <translation>نظر اعضا:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="336" />
        <source>Document</source>
        <translation>مدرک</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="336" />
        <source>Uploaded</source>
        <translation>تاریخ بارگذاری</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="336" />
        <source>Size</source>
        <translation>حجم</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="336" />
        <source>File</source>
        <translation>پرونده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="387" />
        <source>{registration_id} · national id {national_id} · {constituency} ({county}) · {status} · {stage}</source>
        <translation>{registration_id} · کد ملی {national_id} · {constituency} ({county}) · {status} · {stage}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="408" />
        <source>No opinion recorded yet.</source>
        <translation>هنوز نظری ثبت نشده است.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="414" />
        <source>No deadline pending</source>
        <translation>مهلتی در جریان نیست</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="417" />
        <source>Deadline {date}: {days} days left</source>
        <translation>مهلت {date}: {days} روز مانده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="421" />
        <source>Deadline {date}: due today</source>
        <translation>مهلت {date}: امروز پایان می‌یابد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="422" />
        <source>Deadline {date}: {days} days late</source>
        <translation>مهلت {date}: {days} روز گذشته</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="435" />
        <source>{date} ({age} years old at registration)</source>
        <translation>{date} ({age} سال تمام در زمان ثبت‌نام)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="460" />
        <source>Yes</source>
        <translation>بله</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="460" />
        <source>No</source>
        <translation>خیر</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="462" />
        <source>None</source>
        <translation>ندارد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="464" />
        <source>{post}, not resigned</source>
        <translation>{post}، بدون استعفا</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="467" />
        <source>{post}, resigned {date}</source>
        <translation>{post}، استعفا در {date}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="473" />
        <source>{date} at {time}</source>
        <translation>{date} ساعت {time}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="494" />
        <source>{title} (members' judgement)</source>
        <translation>{title} (با نظر اعضا)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="509" />
        <source>({actor}, {date})</source>
        <translation>({actor}، {date})</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="527" />
        <source>{size} KB</source>
        <translation>{size} کیلوبایت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="532" />
        <source>Downloaded</source>
        <translation>دریافت‌شده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="532" />
        <source>Not downloaded yet</source>
        <translation>هنوز دریافت نشده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="541" />
        <source>This dossier has no documents.</source>
        <translation>این پرونده مدرکی ندارد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="567" />
        <source>{name}: uploaded {date} at {time}
SHA-256: {hash}</source>
        <translation>{name}: بارگذاری {date} ساعت {time}
چکیده SHA-256: {hash}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="579" />
        <source>Not downloaded yet: the file arrives with the next sync.</source>
        <translation>هنوز دریافت نشده است: فایل با همگام‌سازی بعدی می‌رسد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="583" />
        <source>The downloaded file does not match the document's hash; it is not shown. Download it again.</source>
        <translation>فایل دریافت‌شده با چکیده مدرک یکی نیست و نمایش داده نمی‌شود. آن را دوباره دریافت کنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="595" />
        <source>The PDF file cannot be opened.</source>
        <translation>فایل PDF باز نمی‌شود.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="602" />
        <source>The image cannot be opened.</source>
        <translation>تصویر باز نمی‌شود.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="604" />
        <source>This kind of file cannot be shown here.</source>
        <translation>این نوع فایل را نمی‌توان اینجا نمایش داد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="643" />
        <source>Decision: {stage}</source>
        <translation>تصمیم {stage}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="646" />
        <source>Executive board</source>
        <translation>هیات اجرایی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="660" />
        <source>Objection filed</source>
        <translation>ثبت اعتراض</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="669" />
        <source>no serial yet</source>
        <translation>بی‌شماره</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="676" />
        <source>Ruling ({serial})</source>
        <translation>رأی ({serial})</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dossier_view.py" line="720" />
        <source>Write the note the judgement rests on.</source>
        <translation>توضیحی را که نظر بر پایه آن است بنویسید.</translation>
    </message>
</context><context>
    <name>DossiersPage</name>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="212" />
        <source>Dossiers</source>
        <translation>پرونده‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="221" />
        <source>Search by name, national id or registration id (Ctrl+F)</source>
        <translation>جستجو با نام، کد ملی یا شناسه ثبت‌نام (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="224" />
        <source>Search dossiers</source>
        <translation>جستجوی پرونده‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="228" />
        <source>All counties</source>
        <translation>همه شهرستان‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="228" />
        <source>County</source>
        <translation>شهرستان</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="230" />
        <source>All constituencies</source>
        <translation>همه حوزه‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="230" />
        <source>Constituency</source>
        <translation>حوزه انتخابیه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="232" />
        <source>Any status</source>
        <translation>همه وضعیت‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="232" />
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="234" />
        <source>Any stage</source>
        <translation>همه مراحل</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="234" />
        <source>Stage</source>
        <translation>مرحله</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="236" />
        <source>Men and women</source>
        <translation>زن و مرد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="236" />
        <source>Gender</source>
        <translation>جنسیت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="238" />
        <source>Any education</source>
        <translation>همه مقاطع تحصیلی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="238" />
        <source>Education</source>
        <translation>تحصیلات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="240" />
        <source>Any check result</source>
        <translation>همه نتایج بررسی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="240" />
        <source>Checks</source>
        <translation>بررسی خودکار</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="241" />
        <source>Any deadline</source>
        <translation>همه مهلت‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="241" />
        <source>Deadline</source>
        <translation>مهلت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="243" />
        <source>C&amp;lear filters</source>
        <translation>&amp;پاک کردن صافی‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="244" />
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="244" />
        <source>Saved filters</source>
        <translation>صافی‌های ذخیره‌شده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="247" />
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="246" />
        <source>Name for this filter</source>
        <translation>نام این صافی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="248" />
        <source>&amp;Save filter</source>
        <translation>&amp;ذخیره صافی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="249" />
        <source>&amp;Delete saved filter</source>
        <translation>&amp;حذف صافی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="396" />
        <source>Checking dossiers…</source>
        <translation>در حال بررسی پرونده‌ها…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="410" />
        <source>Checking dossiers: {percent}%</source>
        <translation>بررسی پرونده‌ها: {percent}٪</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="414" />
        <source>Eligibility checks are up to date</source>
        <translation>بررسی خودکار شرایط به‌روز است</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="422" />
        <source>Eligibility checks could not be brought up to date</source>
        <translation>بررسی خودکار شرایط به‌روز نشد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="443" />
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="431" />
        <source>Failed any automatic check</source>
        <translation>دارای ایراد در بررسی خودکار</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="433" />
        <source>Failed: {check}</source>
        <translation>ایراد: {check}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="539" />
        <source>The search failed; see the log.</source>
        <translation>جستجو انجام نشد؛ جزئیات در فایل گزارش برنامه ثبت شده است.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="546" />
        <source>No dossier matches this search</source>
        <translation>هیچ پرونده‌ای با این جستجو یافت نشد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="548" />
        <source>No dossiers yet; they arrive with the next sync</source>
        <translation>هنوز پرونده‌ای وجود ندارد؛ پرونده‌ها با همگام‌سازی بعدی دریافت می‌شوند</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="550" />
        <source>Dossiers: {total} or more</source>
        <translation>تعداد پرونده‌ها: دست‌کم {total}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="552" />
        <source>Dossiers: {total}</source>
        <translation>تعداد پرونده‌ها: {total}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="571" />
        <source>Type a name for the filter first.</source>
        <translation>نخست نامی برای صافی بنویسید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="586" />
        <source>Filter “{name}” saved.</source>
        <translation>صافی «{name}» ذخیره شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="593" />
        <source>Choose a saved filter to delete.</source>
        <translation>صافی ذخیره‌شده‌ای را برای حذف برگزینید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="605" />
        <source>Filter “{name}” deleted.</source>
        <translation>صافی «{name}» حذف شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="701" />
        <source>Put on the agenda of today's session.</source>
        <translation>به دستور جلسه امروز افزوده شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="717" />
        <source>Objection registered and sent to the higher board.</source>
        <translation>اعتراض ثبت شد و به هیات بالاتر فرستاده شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="729" />
        <source>Judgement recorded.</source>
        <translation>نظر اعضا ثبت شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="749" />
        <source>Not done: {reason}</source>
        <translation>انجام نشد: {reason}</translation>
    </message>
</context><context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../supervisor_app/ui/run.py" line="218" />
        <source>Unexpected error</source>
        <translation>خطای پیش‌بینی‌نشده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/run.py" line="219" />
        <source>Something went wrong and the last action may not have finished. Nothing already saved has been lost. Details are in the log file.</source>
        <translation>مشکلی پیش آمد و ممکن است آخرین کار انجام نشده باشد. هیچ‌چیز از آنچه قبلاً ذخیره شده از دست نرفته است. جزئیات در پرونده گزارش (لاگ) ثبت شده است.</translation>
    </message>
</context><context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="94" />
        <source>Nezarat — first-time setup</source>
        <translation>نظارت — راه‌اندازی نخستین</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="133" />
        <source>Setup not finished</source>
        <translation>راه‌اندازی کامل نشد</translation>
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
    <name>ImportDialog</name>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="65" />
        <source>New</source>
        <translation>تازه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="66" />
        <source>Changed</source>
        <translation>تغییرکرده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="67" />
        <source>Unchanged</source>
        <translation>بی‌تغییر</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="68" />
        <source>Has problems</source>
        <translation>دارای خطا</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="87" />
        <source>Row {row}, «{column}»: {message}</source>
        <translation>ردیف {row}، «{column}»: {message}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="90" />
        <source>Row {row}: {message}</source>
        <translation>ردیف {row}: {message}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="111" />
        <source>Row</source>
        <translation>ردیف</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="112" />
        <source>Outcome</source>
        <translation>نتیجه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="459" />
        <source>Import &amp;branches from file…</source>
        <translation>ورود &amp;شعب از فایل…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="463" />
        <source>Import &amp;observers from file…</source>
        <translation>ورود &amp;ناظران از فایل…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="196" />
        <source>Import branches from a file</source>
        <translation>ورود شعب از فایل</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="198" />
        <source>Import observers from a file</source>
        <translation>ورود ناظران از فایل</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="206" />
        <source>An Excel (.xlsx) or CSV file whose first row names the columns: {columns}. Nothing is written until you press Import, and only when no row has a problem.</source>
        <translation>فایل اکسل (.xlsx) یا CSV که سطر اول آن نام ستون‌ها باشد: {columns}. تا «ورود» را نزنید چیزی ثبت نمی‌شود، و تنها وقتی هیچ ردیفی خطا نداشته باشد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="216" />
        <source>No file chosen</source>
        <translation>فایلی انتخاب نشده است</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="217" />
        <source>Choose file…</source>
        <translation>انتخاب فایل…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="243" />
        <source>Problems to correct in the file:</source>
        <translation>خطاهایی که باید در فایل اصلاح شوند:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="253" />
        <source>Import</source>
        <translation>ورود</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="278" />
        <source>Spreadsheets (*.xlsx *.xlsm *.csv *.txt);;All files (*)</source>
        <translation>صفحه‌گسترده‌ها (*.xlsx *.xlsm *.csv *.txt);;همهٔ فایل‌ها (*)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="291" />
        <source>Reading and checking the file…</source>
        <translation>در حال خواندن و بررسی فایل…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="309" />
        <source>Importing…</source>
        <translation>در حال ورود…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="327" />
        <source>{rows} rows: {new} new, {changed} changed, {unchanged} unchanged, {invalid} with problems.</source>
        <translation>{rows} ردیف: {new} تازه، {changed} تغییرکرده، {unchanged} بی‌تغییر، {invalid} دارای خطا.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="338" />
        <source>Columns not imported: {columns}.</source>
        <translation>ستون‌هایی که وارد نمی‌شوند: {columns}.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="342" />
        <source>Press Import to write them.</source>
        <translation>برای ثبت، «ورود» را بزنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="344" />
        <source>Correct the problems in the file and choose it again; nothing can be imported while a row has a problem.</source>
        <translation>خطاها را در فایل اصلاح کنید و دوباره آن را انتخاب کنید؛ تا وقتی ردیفی خطا دارد هیچ چیز وارد نمی‌شود.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="358" />
        <source>The file could not be read; see the log.</source>
        <translation>فایل خوانده نشد؛ جزئیات در گزارش برنامه است.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="371" />
        <source>Imported {file}: {new} new, {changed} changed, {unchanged} unchanged.</source>
        <translation>«{file}» وارد شد: {new} تازه، {changed} تغییرکرده، {unchanged} بی‌تغییر.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="388" />
        <source>{count} new or changed records will be sent to the registry server at the next sync, before any report that names them.</source>
        <translation>{count} رکورد تازه یا تغییرکرده در همگام‌سازی بعدی، پیش از هر گزارشی که به آن‌ها اشاره دارد، به سرور ثبت‌نام فرستاده می‌شود.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/import_dialog.py" line="399" />
        <source>The import failed and nothing was written; see the log.</source>
        <translation>ورود انجام نشد و هیچ چیز ثبت نشد؛ جزئیات در گزارش برنامه است.</translation>
    </message>
</context><context>
    <name>KeyPage</name>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="606" />
        <source>Your signing key</source>
        <translation>کلید امضای شما</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="607" />
        <source>Rulings are signed with a key made on this computer. Only its passphrase opens it: nobody, not even support, can recover a forgotten passphrase.</source>
        <translation>آرا با کلیدی امضا می‌شوند که روی همین رایانه ساخته می‌شود. این کلید فقط با گذرواژهٔ آن باز می‌شود: گذرواژهٔ فراموش‌شده را هیچ‌کس، حتی پشتیبانی، نمی‌تواند بازیابی کند.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="611" />
        <source>Make my signing key now</source>
        <translation>کلید امضای من همین حالا ساخته شود</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="623" />
        <source>Passphrase</source>
        <translation>گذرواژه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="624" />
        <source>Repeat the passphrase</source>
        <translation>تکرار گذرواژه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="625" />
        <source>Strength</source>
        <translation>استحکام</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="632" />
        <source>After Finish, the certificate request for the central board is saved in the data folder; import the certificate it returns with supervisor-app keys import-cert.</source>
        <translation>پس از «پایان»، درخواست گواهی برای هیات مرکزی در پوشه داده‌ها ذخیره می‌شود؛ گواهی‌ای را که هیات مرکزی برمی‌گرداند با فرمان supervisor-app keys import-cert وارد کنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="647" />
        <source>No member was chosen, so no key is made now.</source>
        <translation>عضوی انتخاب نشده است، پس فعلاً کلیدی ساخته نمی‌شود.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="649" />
        <source>The key is made for: {name}</source>
        <translation>کلید برای این عضو ساخته می‌شود: {name}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="663" />
        <source>The two passphrases differ.</source>
        <translation>دو گذرواژه یکسان نیستند.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="669" />
        <source>Too short: at least 8 characters.</source>
        <translation>خیلی کوتاه است: دست‌کم ۸ نویسه.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="670" />
        <source>Easy to guess: avoid repeated characters and common words.</source>
        <translation>حدس‌زدنی است: از نویسه‌های تکراری و واژه‌های رایج پرهیز کنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="671" />
        <source>Weak: make it longer, or mix letters, digits and signs.</source>
        <translation>ضعیف: آن را بلندتر کنید، یا حرف و رقم و نشانه را با هم به کار ببرید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="672" />
        <source>Fair: a few more characters make it strong.</source>
        <translation>متوسط: چند نویسهٔ دیگر آن را قوی می‌کند.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="673" />
        <source>Strong.</source>
        <translation>قوی.</translation>
    </message>
</context><context>
    <name>MainWindow</name>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="69" />
        <source>Nezarat — Supervisory Board</source>
        <translation>نظارت — هیات نظارت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="85" />
        <source>Home</source>
        <translation>صفحه اصلی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="86" />
        <source>Dossiers</source>
        <translation>پرونده‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="87" />
        <source>Board sessions</source>
        <translation>جلسات هیات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="88" />
        <source>Rulings</source>
        <translation>آرا</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="89" />
        <source>Observer reports</source>
        <translation>گزارش‌های ناظران</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="90" />
        <source>Election-day dashboard</source>
        <translation>داشبورد روز انتخابات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="91" />
        <source>Complaints</source>
        <translation>شکایات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="92" />
        <source>Sync</source>
        <translation>همگام‌سازی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="97" />
        <source>Sections</source>
        <translation>بخش‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="179" />
        <source>&amp;File</source>
        <translation>&amp;فایل</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="188" />
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="205" />
        <source>&amp;Help</source>
        <translation>&amp;راهنما</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="207" />
        <source>Save &amp;diagnostic bundle…</source>
        <translation>ذخیرهٔ بستهٔ &amp;عیب‌یابی…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="210" />
        <source>&amp;About Nezarat</source>
        <translation>&amp;درباره نظارت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="225" />
        <source>Data directory: {path}</source>
        <translation>پوشه داده‌ها: {path}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="241" />
        <source>Today: {date}</source>
        <translation>امروز: {date}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="244" />
        <source>Nezarat, version {version}
Desktop client of the election supervisory boards.

Data directory: {path}</source>
        <translation>نظارت، نسخه {version}
نرم‌افزار رومیزی هیات‌های نظارت بر انتخابات.

پوشه داده‌ها: {path}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="263" />
        <source>About Nezarat</source>
        <translation>درباره نظارت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="279" />
        <source>&amp;Back up now</source>
        <translation>&amp;پشتیبان‌گیری همین حالا</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="281" />
        <source>&amp;Restore from a backup…</source>
        <translation>&amp;بازگردانی از نسخهٔ پشتیبان…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="306" />
        <source>Board sessions will be listed here</source>
        <translation>فهرست جلسات هیات در این صفحه نمایش داده می‌شود</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="307" />
        <source>Once session management is available, this page lists the board's sessions with their agenda, the members present and whether the quorum was met.</source>
        <translation>پس از راه‌اندازی بخش مدیریت جلسات، فهرست جلسات هیات همراه با دستور جلسه، اعضای حاضر و وضعیت حد نصاب در این صفحه نمایش داده خواهد شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="322" />
        <source>Rulings will be listed here</source>
        <translation>فهرست آرا در این صفحه نمایش داده می‌شود</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="323" />
        <source>Draft rulings waiting for the members' signatures, and sealed rulings ready to print, will appear on this page once rulings are available.</source>
        <translation>پس از راه‌اندازی بخش صدور رأی، پیش‌نویس آرای در انتظار امضای اعضا و آرای نهایی‌شده و آماده چاپ در این صفحه نمایش داده خواهد شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="337" />
        <source>Observer reports will be listed here</source>
        <translation>فهرست گزارش‌های ناظران در این صفحه نمایش داده می‌شود</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="338" />
        <source>Reports that observers file from polling branches will appear here, with their branch and time, once observer reporting is available.</source>
        <translation>پس از راه‌اندازی بخش گزارش‌های ناظران، گزارش‌هایی که ناظران از شعب اخذ رأی ثبت می‌کنند همراه با شعبه و زمان ثبت در این صفحه نمایش داده خواهد شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="355" />
        <source>Complaints will be listed here</source>
        <translation>فهرست شکایات در این صفحه نمایش داده می‌شود</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="356" />
        <source>Complaints received by the board, and how each one was handled, will appear here once complaint handling is available.</source>
        <translation>پس از راه‌اندازی بخش رسیدگی به شکایات، شکایت‌های واصل‌شده به هیات و نتیجه رسیدگی به هر یک در این صفحه نمایش داده خواهد شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="370" />
        <source>Sync status will be shown here</source>
        <translation>وضعیت همگام‌سازی در این صفحه نمایش داده می‌شود</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="371" />
        <source>This page will show the connection to the registration system, the items waiting to be sent and the history of each sync. Until then, the home page shows how many items are waiting to be sent.</source>
        <translation>این صفحه وضعیت ارتباط با سامانه ثبت‌نام، موارد در صف ارسال و سابقه هر نوبت همگام‌سازی را نشان خواهد داد. تا آن زمان، شمار موارد در صف ارسال در صفحه اصلی نمایش داده می‌شود.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="386" />
        <source>The election-day dashboard will be shown here</source>
        <translation>داشبورد روز انتخابات در این صفحه نمایش داده می‌شود</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/main_window.py" line="387" />
        <source>Counts of observer reports by offence, hour, constituency and branch will appear here once observer reports are available.</source>
        <translation>آمار گزارش‌های ناظران بر حسب نوع تخلف، ساعت، حوزه انتخابیه و شعبه، پس از فراهم شدن ثبت گزارش‌های ناظران در این صفحه نمایش داده می‌شود.</translation>
    </message>
</context><context>
    <name>MasterPassphraseDialog</name>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/master_passphrase.py" line="41" />
        <source>Keystore master passphrase</source>
        <translation>گذرواژهٔ اصلی کلیدستان</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/master_passphrase.py" line="44" />
        <source>This workstation has no system keyring, so passwords and signing keys are kept in an encrypted file. Choose a master passphrase for it (at least %1 characters) and keep it safe: it cannot be recovered.</source>
        <translation>این رایانه کلیدستان سیستمی ندارد؛ برای همین گذرواژه‌ها و کلیدهای امضا در پرونده‌ای رمزشده نگه‌داری می‌شوند. برای آن یک گذرواژهٔ اصلی (دست‌کم %1 نویسه) برگزینید و آن را در جای امنی نگه دارید: بازیابی‌شدنی نیست.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/master_passphrase.py" line="50" />
        <source>This workstation has no system keyring, so passwords and signing keys are kept in an encrypted file. Enter its master passphrase.</source>
        <translation>این رایانه کلیدستان سیستمی ندارد؛ برای همین گذرواژه‌ها و کلیدهای امضا در پرونده‌ای رمزشده نگه‌داری می‌شوند. گذرواژهٔ اصلی آن را وارد کنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/master_passphrase.py" line="61" />
        <source>Master passphrase:</source>
        <translation>گذرواژهٔ اصلی:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/master_passphrase.py" line="66" />
        <source>Repeat it:</source>
        <translation>تکرار گذرواژه:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/master_passphrase.py" line="85" />
        <source>The passphrase is too short.</source>
        <translation>گذرواژه خیلی کوتاه است.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/master_passphrase.py" line="88" />
        <source>The two passphrases differ; type them again.</source>
        <translation>دو گذرواژه یکسان نیستند؛ دوباره وارد کنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/master_passphrase.py" line="91" />
        <source>Enter the passphrase.</source>
        <translation>گذرواژه را وارد کنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/master_passphrase.py" line="96" />
        <source>The passphrase is not right. Try again.</source>
        <translation>گذرواژه درست نیست. دوباره امتحان کنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/master_passphrase.py" line="99" />
        <source>The keystore file cannot be opened: %1</source>
        <translation>پروندهٔ کلیدستان باز نمی‌شود: %1</translation>
    </message>
</context><context>
    <name>ObjectionDialog</name>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="158" />
        <source>Register an objection</source>
        <translation>ثبت اعتراض</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="160" />
        <source>Objection text</source>
        <translation>متن اعتراض</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="161" />
        <source>The objection as the candidate wrote it</source>
        <translation>متن اعتراض همان‌گونه که داوطلب نوشته است</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/dossiers.py" line="170" />
        <source>Objection of {name} against the ruling that rejected them. It goes to the higher board.</source>
        <translation>اعتراض {name} به رأی رد صلاحیت. این اعتراض به هیات بالاتر فرستاده می‌شود.</translation>
    </message>
</context><context>
    <name>OffenceCategory</name>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="87" />
        <source>Buying or selling votes</source>
        <translation>خرید و فروش رأی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="88" />
        <source>Forged voter forms, ballots or minutes</source>
        <translation>جعل تعرفه، برگ رأی یا صورتجلسه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="91" />
        <source>Threats or bribery</source>
        <translation>تهدید یا تطمیع</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="92" />
        <source>Voting with a forged or another person's id</source>
        <translation>رأی با شناسنامهٔ جعلی یا دیگری</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="95" />
        <source>Voting more than once</source>
        <translation>رأی دادن بیش از یک بار</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="96" />
        <source>Disrupting the election</source>
        <translation>اخلال در انتخابات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="97" />
        <source>Adding or removing votes or forms</source>
        <translation>افزودن یا کاستن آرا یا تعرفه‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="100" />
        <source>Fraud in voting or counting</source>
        <translation>تقلب در رأی‌گیری یا شمارش</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="103" />
        <source>Voting on behalf of someone else</source>
        <translation>رأی دادن به جای دیگری</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="106" />
        <source>Branch staff steering voters</source>
        <translation>هدایت رأی‌دهندگان توسط کارکنان شعبه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="109" />
        <source>Stealing or destroying election documents</source>
        <translation>ربودن یا معدوم کردن اسناد انتخاباتی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="112" />
        <source>Breaking box seals</source>
        <translation>شکستن لاک و مهر صندوق</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="113" />
        <source>Using forged papers</source>
        <translation>استفاده از اوراق مجعول</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="114" />
        <source>Intimidation</source>
        <translation>ارعاب</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="115" />
        <source>Electronic device failure</source>
        <translation>خرابی دستگاه الکترونیکی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="118" />
        <source>Late opening of the branch</source>
        <translation>تأخیر در گشایش شعبه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="119" />
        <source>Identity-check system outage</source>
        <translation>قطعی سامانهٔ احراز هویت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="122" />
        <source>Other</source>
        <translation>سایر</translation>
    </message>
</context><context>
    <name>OverviewCounts</name>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="65" />
        <source>Dossiers</source>
        <translation>پرونده‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="66" />
        <source>Qualification decisions</source>
        <translation>تصمیم‌های بررسی صلاحیت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="67" />
        <source>Objections</source>
        <translation>اعتراض‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="68" />
        <source>Rulings</source>
        <translation>آرا</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="69" />
        <source>Complaints</source>
        <translation>شکایات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="70" />
        <source>Observer reports</source>
        <translation>گزارش‌های ناظران</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="71" />
        <source>Provinces</source>
        <translation>استان‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="72" />
        <source>Counties</source>
        <translation>شهرستان‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="73" />
        <source>Districts</source>
        <translation>بخش‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="74" />
        <source>Constituencies</source>
        <translation>حوزه‌های انتخابیه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="75" />
        <source>Boards</source>
        <translation>هیات‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="76" />
        <source>Board members</source>
        <translation>اعضای هیات‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="77" />
        <source>Polling branches</source>
        <translation>شعب اخذ رأی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="78" />
        <source>Observers</source>
        <translation>ناظران</translation>
    </message>
</context><context>
    <name>PreparePage</name>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="225" />
        <source>Preparing the data</source>
        <translation>آماده‌سازی داده‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="229" />
        <source>Try again</source>
        <translation>تلاش دوباره</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="249" />
        <source>Building the demo data ({count} dossiers). This takes a few seconds…</source>
        <translation>در حال ساخت دادهٔ نمایشی ({count} پرونده). چند ثانیه طول می‌کشد…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="251" />
        <source>Preparing the local database…</source>
        <translation>در حال آماده‌سازی پایگاه دادهٔ این رایانه…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="266" />
        <source>The demo data is ready: {dossiers} dossiers, {boards} boards and {members} board members.</source>
        <translation>دادهٔ نمایشی آماده است: {dossiers} پرونده، {boards} هیات و {members} عضو هیات.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="273" />
        <source>The local database is ready. Your board's data is fetched after you sign in.</source>
        <translation>پایگاه دادهٔ این رایانه آماده است. داده‌های هیات شما پس از ورود دریافت می‌شود.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="283" />
        <source>The data could not be prepared: {reason}</source>
        <translation>آماده‌سازی داده‌ها ممکن نشد: {reason}</translation>
    </message>
</context><context>
    <name>PrintMenu</name>
    <message>
        <location filename="../../supervisor_app/ui/print_menu.py" line="87" />
        <source>Print</source>
        <translation>چاپ</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/print_menu.py" line="88" />
        <source>Select a ruling in the list first.</source>
        <translation>نخست رأیی را در فهرست انتخاب کنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/print_menu.py" line="96" />
        <source>Print ruling</source>
        <translation>چاپ رأی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/print_menu.py" line="116" />
        <source>Print notification</source>
        <translation>چاپ ابلاغیه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/print_menu.py" line="128" />
        <source>Print candidate list</source>
        <translation>چاپ آگهی اسامی نامزدها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/print_menu.py" line="130" />
        <source>Constituency code:</source>
        <translation>کد حوزهٔ انتخابیه:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/print_menu.py" line="143" />
        <source>&amp;Print</source>
        <translation>&amp;چاپ</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/print_menu.py" line="145" />
        <source>Print &amp;ruling…</source>
        <translation>چاپ &amp;رأی…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/print_menu.py" line="147" />
        <source>Print &amp;notification…</source>
        <translation>چاپ &amp;ابلاغیه…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/print_menu.py" line="149" />
        <source>Print rulings in a &amp;batch…</source>
        <translation>چاپ &amp;گروهی رأی‌ها…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/print_menu.py" line="151" />
        <source>Print &amp;candidate list…</source>
        <translation>چاپ آگهی اسامی &amp;نامزدها…</translation>
    </message>
</context><context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="264" />
        <source>Observer reports</source>
        <translation>گزارش‌های ناظران</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="273" />
        <source>Recent reports</source>
        <translation>گزارش‌های اخیر</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="327" />
        <source>New report</source>
        <translation>گزارش تازه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="423" />
        <location filename="../../supervisor_app/ui/pages/reports.py" line="330" />
        <source>Branch code</source>
        <translation>کد شعبه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="331" />
        <source>Type the branch code</source>
        <translation>کد شعبه را بنویسید</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="348" />
        <source>Observed at (Jalali date and time)</source>
        <translation>زمان مشاهده (تاریخ و ساعت شمسی)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="349" />
        <source>Jalali date and time, e.g. 1405/02/11 09:30</source>
        <translation>تاریخ و ساعت شمسی، مانند ۱۴۰۵/۰۲/۱۱ ۰۹:۳۰</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="464" />
        <location filename="../../supervisor_app/ui/pages/reports.py" line="353" />
        <source>Category</source>
        <translation>نوع تخلف</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="356" />
        <source>Choose the category…</source>
        <translation>نوع تخلف را انتخاب کنید…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="465" />
        <location filename="../../supervisor_app/ui/pages/reports.py" line="359" />
        <source>Severity</source>
        <translation>شدت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="467" />
        <location filename="../../supervisor_app/ui/pages/reports.py" line="429" />
        <location filename="../../supervisor_app/ui/pages/reports.py" line="370" />
        <source>Description</source>
        <translation>شرح</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="371" />
        <source>What was observed</source>
        <translation>آنچه مشاهده شد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="430" />
        <location filename="../../supervisor_app/ui/pages/reports.py" line="378" />
        <source>Witnesses</source>
        <translation>شاهدان</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="379" />
        <source>Names, separated by commas</source>
        <translation>نام‌ها، جداشده با ویرگول</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="431" />
        <location filename="../../supervisor_app/ui/pages/reports.py" line="382" />
        <source>Observer</source>
        <translation>ناظر</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="824" />
        <location filename="../../supervisor_app/ui/pages/reports.py" line="568" />
        <location filename="../../supervisor_app/ui/pages/reports.py" line="384" />
        <source>Not named</source>
        <translation>نامشخص</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="432" />
        <location filename="../../supervisor_app/ui/pages/reports.py" line="390" />
        <source>Attachments</source>
        <translation>پیوست‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="393" />
        <source>Attach photos or PDF…</source>
        <translation>پیوست عکس یا PDF…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="396" />
        <source>Record</source>
        <translation>ثبت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="400" />
        <source>Clear the form</source>
        <translation>پاک کردن فرم</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="461" />
        <location filename="../../supervisor_app/ui/pages/reports.py" line="426" />
        <source>Observed at</source>
        <translation>زمان مشاهده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="427" />
        <source>Category and severity</source>
        <translation>نوع تخلف و شدت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="462" />
        <source>Branch</source>
        <translation>شعبه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="463" />
        <source>Constituency</source>
        <translation>حوزه انتخابیه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="466" />
        <source>Sending</source>
        <translation>وضعیت ارسال</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="509" />
        <source>No branch has this code.</source>
        <translation>شعبه‌ای با این کد نیست.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="607" />
        <source>The time is not a valid Jalali date and time; write it like 1405/02/11 09:30.</source>
        <translation>زمان واردشده تاریخ و ساعت شمسی معتبری نیست؛ آن را مانند ۱۴۰۵/۰۲/۱۱ ۰۹:۳۰ بنویسید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="617" />
        <source>Enter chooses: {choice}</source>
        <translation>با Enter انتخاب می‌شود: {choice}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="625" />
        <source>Attach photos or PDF scans</source>
        <translation>پیوست عکس یا پویش PDF</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="627" />
        <source>Photos and PDF (*.jpg *.jpeg *.png *.heic *.webp *.pdf);;All files (*)</source>
        <translation>عکس و PDF (*.jpg *.jpeg *.png *.heic *.webp *.pdf);;همه پرونده‌ها (*)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="747" />
        <source>The draft is not saved yet; it is saved again automatically. What you typed stays in the form.</source>
        <translation>پیش‌نویس هنوز ذخیره نشده است و به‌طور خودکار دوباره ذخیره می‌شود. آنچه نوشته‌اید در فرم می‌ماند.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="797" />
        <source>The unfinished report was reopened.</source>
        <translation>گزارش ناتمام دوباره باز شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="842" />
        <source>Type the code of a branch of this workstation, then press Enter to accept it.</source>
        <translation>کد یکی از شعبه‌های این ایستگاه را بنویسید و برای پذیرفتن آن Enter را بزنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="856" />
        <source>Choose the category: type part of its name or its number.</source>
        <translation>نوع تخلف را انتخاب کنید: بخشی از نام یا شمارهٔ آن را بنویسید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="861" />
        <source>Write what was observed.</source>
        <translation>آنچه را مشاهده شده بنویسید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="880" />
        <source>Recording…</source>
        <translation>در حال ثبت…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="892" />
        <source>Report recorded for branch {code}; it is sent at the next sync.</source>
        <translation>گزارش شعبه {code} ثبت شد؛ در همگام‌سازی بعدی ارسال می‌شود.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/reports.py" line="908" />
        <source>The report was not recorded because of an unexpected error; what you typed is kept. Press Record again; if it fails again, call the IT officer.</source>
        <translation>گزارش به دلیل خطایی پیش‌بینی‌نشده ثبت نشد؛ آنچه نوشته‌اید حفظ شده است. دوباره «ثبت» را بزنید؛ اگر باز هم ثبت نشد با مسئول فناوری تماس بگیرید.</translation>
    </message>
</context><context>
    <name>RestoreConfirmation</name>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="86" />
        <source>last change: {changed}
rulings: {rulings}, observer reports: {reports}, dossiers: {dossiers}</source>
        <translation>آخرین تغییر: {changed}
آرا: {rulings}، گزارش‌های ناظران: {reports}، پرونده‌ها: {dossiers}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="92" />
        <source>unknown</source>
        <translation>نامعلوم</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="104" />
        <source>This computer has no data yet; nothing will be replaced.

The backup holds:
{backup}</source>
        <translation>این رایانه هنوز داده‌ای ندارد؛ چیزی جایگزین نمی‌شود.

نسخهٔ پشتیبان شامل این‌هاست:
{backup}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="109" />
        <source>Restoring replaces all the data on this computer.

Will be replaced (the current data):
{current}

By the backup:
{backup}

The current data is first saved as a backup of its own, so this can be undone. Nezarat starts again afterwards.</source>
        <translation>بازگردانی همهٔ داده‌های این رایانه را جایگزین می‌کند.

آنچه جایگزین می‌شود (داده‌های فعلی):
{current}

با این نسخهٔ پشتیبان:
{backup}

از داده‌های فعلی پیش از هر کاری یک نسخهٔ پشتیبان جداگانه تهیه می‌شود، پس این کار برگشت‌پذیر است. پس از آن نظارت دوباره باز می‌شود.</translation>
    </message>
</context><context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="72" />
        <source>Daily (automatic)</source>
        <translation>روزانه (خودکار)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="73" />
        <source>Made by hand</source>
        <translation>دستی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="74" />
        <source>Before a restore</source>
        <translation>پیش از بازگردانی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="127" />
        <source>Restore from a backup</source>
        <translation>بازگردانی از نسخهٔ پشتیبان</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="130" />
        <source>Choose the backup to restore. Before anything is replaced you will see what the backup holds and what it replaces.</source>
        <translation>نسخهٔ پشتیبانی را که باید بازگردانده شود انتخاب کنید. پیش از هر جایگزینی، محتوای نسخهٔ پشتیبان و آنچه جایگزین می‌شود را خواهید دید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="137" />
        <source>Made on</source>
        <translation>زمان تهیه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="137" />
        <source>Kind</source>
        <translation>نوع</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="137" />
        <source>Size</source>
        <translation>حجم</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="148" />
        <source>{size} MB</source>
        <translation>{size} مگابایت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="152" />
        <source>There are no backups on this computer yet.</source>
        <translation>هنوز هیچ نسخهٔ پشتیبانی روی این رایانه نیست.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="156" />
        <source>Continue…</source>
        <translation>ادامه…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="158" />
        <source>Another file…</source>
        <translation>فایل دیگر…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="185" />
        <source>Backup file</source>
        <translation>فایل نسخهٔ پشتیبان</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/backup_dialogs.py" line="185" />
        <source>Backups (*.sqlite3);;All files (*)</source>
        <translation>نسخه‌های پشتیبان (*.sqlite3);;همهٔ فایل‌ها (*)</translation>
    </message>
</context><context>
    <name>ReviewLabels</name>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="33" />
        <source>Executive board review</source>
        <translation>بررسی در هیات اجرایی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="34" />
        <source>Supervisory board review</source>
        <translation>بررسی در هیات نظارت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="35" />
        <source>Open for objection</source>
        <translation>در مهلت اعتراض</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="134" />
        <location filename="../../supervisor_app/ui/review_labels.py" line="36" />
        <source>Objection review</source>
        <translation>رسیدگی به اعتراض</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="37" />
        <source>Waiting for the final list</source>
        <translation>در انتظار فهرست نهایی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="205" />
        <location filename="../../supervisor_app/ui/review_labels.py" line="38" />
        <source>Closed</source>
        <translation>پایان‌یافته</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="44" />
        <source>Man</source>
        <translation>مرد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="45" />
        <source>Woman</source>
        <translation>زن</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="52" />
        <source>No schooling</source>
        <translation>بی‌سواد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="53" />
        <source>Literacy</source>
        <translation>سواد خواندن و نوشتن</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="54" />
        <source>High-school diploma</source>
        <translation>دیپلم</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="55" />
        <source>Associate degree</source>
        <translation>فوق‌دیپلم</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="56" />
        <source>Bachelor's degree</source>
        <translation>لیسانس</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="57" />
        <source>Master's degree</source>
        <translation>فوق‌لیسانس</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="58" />
        <source>Doctorate</source>
        <translation>دکتری</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="64" />
        <source>Deadline today</source>
        <translation>مهلت تا امروز</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="65" />
        <source>Deadline within 3 days</source>
        <translation>مهلت تا سه روز دیگر</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="66" />
        <source>Deadline passed</source>
        <translation>مهلت گذشته</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="73" />
        <source>Service card</source>
        <translation>کارت پایان خدمت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="74" />
        <source>Permanent exemption</source>
        <translation>معافیت دائم</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="75" />
        <source>Not applicable</source>
        <translation>موضوعیت ندارد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="76" />
        <source>Neither card nor exemption</source>
        <translation>نه کارت پایان خدمت و نه معافیت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="83" />
        <source>None</source>
        <translation>ندارد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="84" />
        <source>Veteran</source>
        <translation>ایثارگر</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="85" />
        <source>Child of a martyr</source>
        <translation>فرزند شهید</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="92" />
        <source>Photo</source>
        <translation>عکس</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="93" />
        <source>Candidacy questionnaire</source>
        <translation>پرسش‌نامه داوطلبی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="94" />
        <source>Degree certificate</source>
        <translation>مدرک تحصیلی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="95" />
        <source>Military service card</source>
        <translation>کارت پایان خدمت یا معافیت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="96" />
        <source>Resignation certificate</source>
        <translation>گواهی استعفا</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="97" />
        <source>No-criminal-record certificate</source>
        <translation>گواهی عدم سوءپیشینه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="106" />
        <source>Police</source>
        <translation>فراجا</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="107" />
        <source>Judiciary</source>
        <translation>قوه قضاییه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="108" />
        <source>Ministry of Intelligence</source>
        <translation>وزارت اطلاعات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="109" />
        <source>Civil registration</source>
        <translation>ثبت احوال</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="116" />
        <source>No answer yet</source>
        <translation>بی‌پاسخ</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="117" />
        <source>Clear</source>
        <translation>بدون سابقه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="118" />
        <source>Adverse</source>
        <translation>دارای سابقه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="124" />
        <source>Passed</source>
        <translation>احراز شد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="125" />
        <source>Failed</source>
        <translation>احراز نشد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="126" />
        <source>Undecided</source>
        <translation>نامعلوم</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="132" />
        <source>Executive board</source>
        <translation>هیات اجرایی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="133" />
        <source>Supervisory board</source>
        <translation>هیات نظارت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="140" />
        <source>Approved</source>
        <translation>تأیید</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="175" />
        <location filename="../../supervisor_app/ui/review_labels.py" line="141" />
        <source>Rejected</source>
        <translation>رد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="148" />
        <source>Approve the candidate</source>
        <translation>تأیید صلاحیت داوطلب</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="151" />
        <source>Reject the candidate</source>
        <translation>رد صلاحیت داوطلب</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="160" />
        <source>Accept the objection</source>
        <translation>پذیرش اعتراض</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="163" />
        <source>Uphold the rejection</source>
        <translation>رد اعتراض و ابقای رأی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="172" />
        <source>Filed</source>
        <translation>ثبت‌شده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="173" />
        <source>Under review</source>
        <translation>در دست رسیدگی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="174" />
        <source>Accepted</source>
        <translation>پذیرفته‌شده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="190" />
        <location filename="../../supervisor_app/ui/review_labels.py" line="176" />
        <source>Withdrawn</source>
        <translation>پس‌گرفته‌شده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="183" />
        <source>Draft</source>
        <translation>پیش‌نویس</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="184" />
        <source>Being signed</source>
        <translation>در حال امضا</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="185" />
        <source>Sealed</source>
        <translation>مهرشده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="186" />
        <source>Awaiting central approval</source>
        <translation>در انتظار تأیید هیات مرکزی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="189" />
        <source>Superseded</source>
        <translation>جایگزین‌شده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="196" />
        <source>For</source>
        <translation>موافق</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="197" />
        <source>Against</source>
        <translation>مخالف</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="198" />
        <source>Abstain</source>
        <translation>ممتنع</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="204" />
        <source>Open</source>
        <translation>باز</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="212" />
        <source>Chair</source>
        <translation>رئیس</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="213" />
        <source>Deputy chair</source>
        <translation>نایب‌رئیس</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="214" />
        <source>Secretary</source>
        <translation>دبیر</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="215" />
        <source>Executive secretary</source>
        <translation>دبیر اجرایی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="216" />
        <source>Member</source>
        <translation>عضو</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/review_labels.py" line="217" />
        <source>Alternate</source>
        <translation>عضو علی‌البدل</translation>
    </message>
</context><context>
    <name>RulingStatus</name>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="38" />
        <source>Draft</source>
        <translation>پیش‌نویس</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="39" />
        <source>Being signed</source>
        <translation>در حال امضا</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="40" />
        <source>Sealed</source>
        <translation>مهرشده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="41" />
        <source>Sealed, awaiting the central board's approval</source>
        <translation>مهرشده، در انتظار تأیید هیات مرکزی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="44" />
        <source>Superseded by a correction</source>
        <translation>جایگزین‌شده با اصلاحیه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="45" />
        <source>Withdrawn</source>
        <translation>کنارگذاشته‌شده</translation>
    </message>
</context><context>
    <name>RulingSubject</name>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="52" />
        <source>Qualification</source>
        <translation>بررسی صلاحیت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="53" />
        <source>Objection</source>
        <translation>اعتراض</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="54" />
        <source>Complaint</source>
        <translation>شکایت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="55" />
        <source>Annulment</source>
        <translation>ابطال</translation>
    </message>
</context><context>
    <name>RulingsPage</name>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="84" />
        <source>Rulings</source>
        <translation>آرا</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="91" />
        <source>Number</source>
        <translation>شماره</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="91" />
        <source>Board</source>
        <translation>هیات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="91" />
        <source>Subject</source>
        <translation>موضوع</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="91" />
        <source>Date</source>
        <translation>تاریخ</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="92" />
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="92" />
        <source>Signatures</source>
        <translation>امضاها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="105" />
        <source>Sign…</source>
        <translation>امضا…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="106" />
        <source>Seal…</source>
        <translation>مهر…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="107" />
        <source>Refresh</source>
        <translation>تازه‌سازی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="135" />
        <source>The rulings could not be read; see the log.</source>
        <translation>آرا خوانده نشد؛ گزارش رویدادها را ببینید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="148" />
        <source>No rulings yet: rulings drafted in board sessions appear here for signing.</source>
        <translation>هنوز رأیی نیست؛ آرایی که در جلسه‌های هیات پیش‌نویس می‌شوند برای امضا اینجا می‌آیند.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="161" />
        <source>{signed} of {present}</source>
        <translation>{signed} از {present}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/rulings.py" line="227" />
        <source>This ruling cannot be signed now; see the log.</source>
        <translation>این رأی اکنون امضاشدنی نیست؛ گزارش رویدادها را ببینید.</translation>
    </message>
</context><context>
    <name>SessionsPage</name>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="184" />
        <source>Board sessions</source>
        <translation>جلسات هیات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="188" />
        <source>&amp;Sessions</source>
        <translation>&amp;جلسه‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="190" />
        <source>&amp;Objections</source>
        <translation>&amp;اعتراض‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="222" />
        <source>Session</source>
        <translation>جلسه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="224" />
        <source>Choose a board</source>
        <translation>هیات را برگزینید</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="224" />
        <source>Board</source>
        <translation>هیات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="225" />
        <source>Open a &amp;new session</source>
        <translation>گشایش جلسه &amp;تازه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="227" />
        <source>&amp;Close the session and draft the rulings</source>
        <translation>&amp;ختم جلسه و تهیه پیش‌نویس آرا</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="231" />
        <source>Session ({keys}):</source>
        <translation>جلسه ({keys}):</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="246" />
        <source>Attendance</source>
        <translation>حاضران</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="251" />
        <source>Attendance ({keys}, space bar)</source>
        <translation>حضور و غیاب ({keys}، کلید فاصله)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="255" />
        <source>Agenda</source>
        <translation>دستور جلسه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="259" />
        <source>&amp;Remove from the agenda</source>
        <translation>&amp;حذف از دستور جلسه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="262" />
        <source>Agenda ({keys})</source>
        <translation>دستور جلسه ({keys})</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="270" />
        <source>Proposal</source>
        <translation>پیشنهاد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="379" />
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="272" />
        <source>Legal basis</source>
        <translation>مستند قانونی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="273" />
        <source>Articles and clauses, e.g. 37/ز، 41</source>
        <translation>ماده و بند، مانند ۳۷/ز، ۴۱</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="275" />
        <source>Reasoning</source>
        <translation>استدلال</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="278" />
        <source>&amp;Put this proposal to the vote</source>
        <translation>&amp;به رأی گذاشتن پیشنهاد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="281" />
        <source>Proposal:</source>
        <translation>پیشنهاد:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="285" />
        <source>Legal basis:</source>
        <translation>مستند قانونی:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="292" />
        <source>Member</source>
        <translation>عضو</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="292" />
        <source>Vote</source>
        <translation>رأی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="292" />
        <source>Dissent note</source>
        <translation>نظر مخالف</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="294" />
        <source>Votes</source>
        <translation>آرای اعضا</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="304" />
        <source>Votes ({keys}): {one}, {two}, {three} for, against, abstain · {edit} dissent note</source>
        <translation>آرا ({keys}): کلیدهای {one}، {two}، {three} برای موافق، مخالف، ممتنع · {edit} برای نظر مخالف</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="317" />
        <source>Dossier on the agenda</source>
        <translation>پرونده در دستور جلسه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="364" />
        <source>Candidate</source>
        <translation>داوطلب</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="365" />
        <source>Constituency</source>
        <translation>حوزه انتخابیه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="366" />
        <source>Filed</source>
        <translation>تاریخ ثبت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="367" />
        <source>Routed to</source>
        <translation>ارجاع به</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="368" />
        <source>Deadline</source>
        <translation>مهلت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="369" />
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="372" />
        <source>Objections</source>
        <translation>اعتراض‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="379" />
        <source>Criterion</source>
        <translation>شرط</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="379" />
        <source>Result</source>
        <translation>نتیجه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="387" />
        <source>The dossier</source>
        <translation>پرونده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="391" />
        <source>The ruling and the objection</source>
        <translation>رأی و اعتراض</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="415" />
        <source>Put on the agenda of the &amp;higher board's session</source>
        <translation>افزودن به دستور جلسه &amp;هیات بالاتر</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="456" />
        <source>{board} · {date} · {status} · {decided} of {items} decided</source>
        <translation>{board} · {date} · {status} · {decided} از {items} تصمیم‌گرفته</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="477" />
        <source>No session yet: open one, or put dossiers on the agenda from the dossier list ({keys}).</source>
        <translation>هنوز جلسه‌ای نیست: جلسه‌ای بگشایید یا از فهرست پرونده‌ها پرونده‌ای را به دستور جلسه بیفزایید ({keys}).</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="498" />
        <source>Choose the board whose session to open.</source>
        <translation>هیاتی را که جلسه‌اش گشوده می‌شود برگزینید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="526" />
        <source>Voting members present: {present} of {full}; quorum {quorum}; a decision needs {majority} votes</source>
        <translation>اعضای دارای رأی حاضر: {present} از {full}؛ حد نصاب {quorum}؛ تصمیم با {majority} رأی موافق</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="536" />
        <source>Quorum met</source>
        <translation>جلسه رسمی است</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="538" />
        <source>No quorum: votes cannot be taken</source>
        <translation>حد نصاب نیست: رأی‌گیری ممکن نیست</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="592" />
        <source>{name}: {proposal} ({approve} for, {reject} against, {abstain} abstaining)</source>
        <translation>{name}: {proposal} ({approve} موافق، {reject} مخالف، {abstain} ممتنع)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="602" />
        <source>decided, ruling drafted</source>
        <translation>تصمیم گرفته شد، پیش‌نویس رأی آماده است</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="627" />
        <source>Nothing on the agenda yet.</source>
        <translation>هنوز پرونده‌ای در دستور جلسه نیست.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="635" />
        <source>Objection of {name}</source>
        <translation>اعتراض {name}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="635" />
        <source>Dossier of {name}</source>
        <translation>پرونده {name}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="650" />
        <source>Failed automatic checks: {checks}</source>
        <translation>ایرادهای بررسی خودکار: {checks}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="655" />
        <source>Every automatic check passed.</source>
        <translation>همه شرایط در بررسی خودکار احراز شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="679" />
        <source>Not voted</source>
        <translation>رأی نداده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="692" />
        <source>{approve} for, {reject} against, {abstain} abstaining: {result}</source>
        <translation>{approve} موافق، {reject} مخالف، {abstain} ممتنع: {result}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="696" />
        <source>the proposal carries</source>
        <translation>پیشنهاد تصویب می‌شود</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="698" />
        <source>{needed} votes for are needed</source>
        <translation>{needed} رأی موافق لازم است</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="767" />
        <source>Record the vote first (1, 2 or 3), then its dissent note.</source>
        <translation>نخست رأی را ثبت کنید (۱، ۲ یا ۳)، سپس نظر مخالف را.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="785" />
        <source>Session closed: {drafts} ruling drafts for signature; {undecided} items without a majority stay open.</source>
        <translation>جلسه پایان یافت: {drafts} پیش‌نویس رأی برای امضا؛ {undecided} مورد بدون اکثریت باز می‌ماند.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="829" />
        <source>{days} days left</source>
        <translation>{days} روز مانده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="840" />
        <source>No objection is waiting for review.</source>
        <translation>اعتراضی در انتظار رسیدگی نیست.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="861" />
        <source>{name} · {registration_id} · national id {national_id}
{constituency} ({county}) · {status}</source>
        <translation>{name} · {registration_id} · کد ملی {national_id}
{constituency} ({county}) · {status}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="886" />
        <source>The ruling is not in this workstation's store.</source>
        <translation>این رأی در داده‌های این ایستگاه نیست.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="891" />
        <source>Ruling of {board}, {date}: {decision}
Legal basis: {basis}
Reasoning: {reasoning}</source>
        <translation>رأی {board}، {date}: {decision}
مستند قانونی: {basis}
استدلال: {reasoning}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="904" />
        <source>Objection filed {date}, for {board}:
{text}</source>
        <translation>اعتراض ثبت‌شده در {date}، برای {board}:
{text}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="917" />
        <source>The objection is on the agenda of the higher board's session.</source>
        <translation>اعتراض به دستور جلسه هیات بالاتر افزوده شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sessions.py" line="933" />
        <source>Not done: {reason}</source>
        <translation>انجام نشد: {reason}</translation>
    </message>
</context><context>
    <name>Severity</name>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="130" />
        <source>Low</source>
        <translation>کم</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="131" />
        <source>Medium</source>
        <translation>متوسط</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="132" />
        <source>High</source>
        <translation>زیاد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/labels.py" line="133" />
        <source>Critical</source>
        <translation>بحرانی</translation>
    </message>
</context><context>
    <name>SignDialog</name>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="73" />
        <source>Seal the ruling</source>
        <translation>مهر کردن رأی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="73" />
        <source>Sign the ruling</source>
        <translation>امضای رأی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="79" />
        <source>Member</source>
        <translation>عضو</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="184" />
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="85" />
        <source>Passphrase</source>
        <translation>گذرواژه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="183" />
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="86" />
        <source>Passphrase:</source>
        <translation>گذرواژه:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="98" />
        <source>Seal</source>
        <translation>مهر کن</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="98" />
        <source>Sign</source>
        <translation>امضا کن</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="103" />
        <source>Member:</source>
        <translation>عضو:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="104" />
        <source>Recorded vote:</source>
        <translation>رأی ثبت‌شده:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="123" />
        <source>not yet numbered</source>
        <translation>هنوز بی‌شماره</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="125" />
        <source>Board: {board}</source>
        <translation>هیات: {board}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="126" />
        <source>Ruling number {serial} of {date}</source>
        <translation>رأی شمارهٔ {serial} مورخ {date}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="129" />
        <source>Decision: {decision}</source>
        <translation>تصمیم: {decision}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="130" />
        <source>Signed: {signed} of {present} present members (needed: {needed})</source>
        <translation>امضاشده: {signed} از {present} عضو حاضر (لازم: {needed})</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="137" />
        <source>Fingerprint of the text: {hash}</source>
        <translation>اثر انگشت متن: {hash}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="140" />
        <source>Signing fixes the text of this draft: after the first signature it can only be changed by taking it back to draft, which discards the signatures.</source>
        <translation>امضا متن این پیش‌نویس را ثابت می‌کند: پس از نخستین امضا، تغییر آن فقط با برگرداندن به پیش‌نویس ممکن است و همهٔ امضاها از میان می‌رود.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="159" />
        <source>No vote recorded</source>
        <translation>رأیی ثبت نشده است</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="162" />
        <source>In favour</source>
        <translation>موافق</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="163" />
        <source>Against</source>
        <translation>مخالف</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="164" />
        <source>Abstained</source>
        <translation>ممتنع</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="168" />
        <source>{vote}; dissent: {note}</source>
        <translation>{vote}؛ نظر مخالف: {note}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="180" />
        <source>PIN of the hardware token:</source>
        <translation>رمز (PIN) توکن سخت‌افزاری:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="181" />
        <source>PIN of the hardware token</source>
        <translation>رمز (PIN) توکن سخت‌افزاری</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="200" />
        <source>Type the PIN of the hardware token.</source>
        <translation>رمز (PIN) توکن سخت‌افزاری را بنویسید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="201" />
        <source>Type your passphrase.</source>
        <translation>گذرواژهٔ خود را بنویسید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="213" />
        <source>Wrong PIN of the hardware token: the key was not unlocked and nothing was signed.</source>
        <translation>رمز (PIN) توکن سخت‌افزاری نادرست است؛ کلید باز نشد و هیچ امضایی انجام نشد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="216" />
        <source>Wrong passphrase: the key was not unlocked and nothing was signed.</source>
        <translation>گذرواژه نادرست است؛ کلید باز نشد و هیچ امضایی انجام نشد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="223" />
        <source>The ruling was not sealed:</source>
        <translation>رأی مهر نشد:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="232" />
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="227" />
        <source>Signing failed; see the log.</source>
        <translation>امضا انجام نشد؛ گزارش رویدادها را ببینید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="253" />
        <source>Ruling number {serial} is sealed and queued for sending.</source>
        <translation>رأی شمارهٔ {serial} مهر شد و در صف ارسال قرار گرفت.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/sign_dialog.py" line="257" />
        <source>Signed: {signed} of {present} present members.</source>
        <translation>امضاشده: {signed} از {present} عضو حاضر.</translation>
    </message>
</context><context>
    <name>SignInPage</name>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="308" />
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="296" />
        <source>Sign in</source>
        <translation>ورود</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="301" />
        <source>This computer has no system keyring. Choose a master passphrase for Nezarat's encrypted keystore file: the server sign-in and the signing keys are kept in it, and cannot be used without this passphrase. Keep it safe.</source>
        <translation>این رایانه کلیدستان سیستمی ندارد. برای فایل رمزشدهٔ کلیدستان نظارت یک گذرواژهٔ اصلی انتخاب کنید: اطلاعات ورود به سرور و کلیدهای امضا در آن نگه‌داری می‌شوند و بدون این گذرواژه قابل استفاده نیستند. آن را در جای امنی نگه دارید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="316" />
        <source>User name</source>
        <translation>نام کاربری</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="317" />
        <source>Password</source>
        <translation>گذرواژه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="319" />
        <source>Master passphrase</source>
        <translation>گذرواژهٔ اصلی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="320" />
        <source>Repeat it</source>
        <translation>تکرار آن</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="355" />
        <source>No demo server address was given.</source>
        <translation>نشانی سرور نمایشی وارد نشده است.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="358" />
        <source>Checking whether the demo server answers at {url}…</source>
        <translation>در حال بررسی پاسخ‌گویی سرور نمایشی در {url}…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="366" />
        <source>Sign in with the account the provincial board gave you, at {url}.</source>
        <translation>با حساب کاربری‌ای که هیات استان به شما داده است، به {url} وارد شوید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="371" />
        <source>Signed in.</source>
        <translation>وارد شدید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="378" />
        <source>No demo server answers at {url}. The demo workstation is set up without it; the server link can be set later (supervisor-app login).</source>
        <translation>هیچ سرور نمایشی در {url} پاسخ نمی‌دهد. رایانهٔ نمایشی بدون آن راه‌اندازی می‌شود؛ اتصال به سرور را بعداً می‌توان برقرار کرد (supervisor-app login).</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="383" />
        <source>A demo server answers at {url}. Sign in as the demo county board's account.</source>
        <translation>سرور نمایشی در {url} پاسخ می‌دهد. با حساب هیات نمایشی شهرستان وارد شوید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="408" />
        <source>The master passphrase needs at least 8 characters.</source>
        <translation>گذرواژهٔ اصلی باید دست‌کم ۸ نویسه باشد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="410" />
        <source>The two master passphrases differ.</source>
        <translation>دو گذرواژهٔ اصلی یکسان نیستند.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="420" />
        <source>Enter the user name and the password.</source>
        <translation>نام کاربری و گذرواژه را وارد کنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="427" />
        <source>Signing in…</source>
        <translation>در حال ورود…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="434" />
        <source>Signed in as {user}.</source>
        <translation>با حساب {user} وارد شدید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="448" />
        <source>Sign-in failed: {reason}</source>
        <translation>ورود انجام نشد: {reason}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="455" />
        <source>Fetching your board's data from the server…</source>
        <translation>در حال دریافت داده‌های هیات شما از سرور…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="475" />
        <source>not all data arrived</source>
        <translation>همهٔ داده‌ها نرسید</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="477" />
        <source>Fetching the data did not finish: {reason}</source>
        <translation>دریافت داده‌ها کامل نشد: {reason}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="479" />
        <source>Try again</source>
        <translation>تلاش دوباره</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="483" />
        <source>Signed in; your board's data is here.</source>
        <translation>وارد شدید؛ داده‌های هیات شما دریافت شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="491" />
        <source>Fetching the data failed: {reason}</source>
        <translation>دریافت داده‌ها انجام نشد: {reason}</translation>
    </message>
</context><context>
    <name>SignedRulingPrintDialog</name>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="112" />
        <source>Print the sealed ruling</source>
        <translation>چاپ رأی مهرشده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="117" />
        <source>Ruling number {serial} is sealed. Its PDF can carry the digital signatures of the members who signed it and whose keys are on this workstation, and the board's seal by a member of the board. Each of them types their passphrase.</source>
        <translation>رأی شمارهٔ {serial} مهر شده است. PDF آن می‌تواند امضای دیجیتال اعضایی را که رأی را امضا کرده‌اند و کلیدشان روی این رایانه است، و مهر الکترونیکی هیات را به دست یکی از اعضای هیات، در بر داشته باشد. هر یک از آنان گذرواژهٔ خود را وارد می‌کند.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="126" />
        <source>Signatures of the members who signed the ruling</source>
        <translation>امضای اعضایی که رأی را امضا کرده‌اند</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="138" />
        <source>None of the members who signed this ruling has a key on this workstation.</source>
        <translation>هیچ‌یک از اعضایی که این رأی را امضا کرده‌اند روی این رایانه کلید ندارد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="146" />
        <source>Board seal</source>
        <translation>مهر الکترونیکی هیات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="148" />
        <source>Seal as:</source>
        <translation>مهر به نام:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="150" />
        <source>Member who seals</source>
        <translation>عضو مهرکننده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="237" />
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="155" />
        <source>board seal</source>
        <translation>مهر هیات</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="166" />
        <source>No member of this board has a key here.</source>
        <translation>هیچ‌یک از اعضای این هیات روی این رایانه کلید ندارد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="171" />
        <source>Browse…</source>
        <translation>انتخاب…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="174" />
        <source>Save as:</source>
        <translation>ذخیره در:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="190" />
        <source>Sign and save PDF</source>
        <translation>امضا و ذخیرهٔ PDF</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="193" />
        <source>Print on paper…</source>
        <translation>چاپ روی کاغذ…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="229" />
        <source>PIN of the hardware token of {name}</source>
        <translation>رمز (PIN) توکن سخت‌افزاری {name}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="231" />
        <source>PIN of the hardware token</source>
        <translation>رمز (PIN) توکن سخت‌افزاری</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="233" />
        <source>Passphrase of {name}</source>
        <translation>گذرواژهٔ {name}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="234" />
        <source>Passphrase</source>
        <translation>گذرواژه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="242" />
        <source>Save the signed ruling as PDF</source>
        <translation>ذخیرهٔ رأی امضاشده به صورت PDF</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="274" />
        <source>Choose at least one signature, or print on paper.</source>
        <translation>دست‌کم یک امضا را انتخاب کنید، یا رأی را روی کاغذ چاپ کنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="280" />
        <source>Type the PIN of the hardware token of {name}.</source>
        <translation>رمز (PIN) توکن سخت‌افزاری {name} را بنویسید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="282" />
        <source>Type the passphrase of {name}.</source>
        <translation>گذرواژهٔ {name} را وارد کنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="329" />
        <source>Unlocking the keys and signing…</source>
        <translation>در حال گشودن کلیدها و امضا…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="343" />
        <source>Saved with {n} digital signatures: {path}</source>
        <translation>با {n} امضای دیجیتال ذخیره شد: {path}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="364" />
        <source>{name}: {reason} No PDF was written.</source>
        <translation>{name}: {reason} هیچ پروندهٔ PDF ذخیره نشد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="371" />
        <source>The PDF could not be signed; see the log. No PDF was written.</source>
        <translation>PDF امضا نشد و هیچ پرونده‌ای ذخیره نشد؛ گزارش رویدادها را ببینید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="373" />
        <source>The PDF could not be saved: {reason}</source>
        <translation>PDF ذخیره نشد: {reason}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/dialogs/signed_print_dialog.py" line="375" />
        <source>Printing failed; see the log.</source>
        <translation>چاپ انجام نشد؛ گزارش رویدادها را ببینید.</translation>
    </message>
</context><context>
    <name>SourcePage</name>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="152" />
        <source>Welcome to Nezarat</source>
        <translation>به نظارت خوش آمدید</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="153" />
        <source>A few steps set up this computer for your board. Choose where the data comes from.</source>
        <translation>با چند گام ساده این رایانه برای هیات شما آماده می‌شود. نخست انتخاب کنید داده‌ها از کجا بیاید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="157" />
        <source>Connect to the registration server</source>
        <translation>اتصال به سرور سامانهٔ ثبت‌نام</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="161" />
        <source>Demo workstation with practice data</source>
        <translation>رایانهٔ نمایشی با دادهٔ تمرینی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="172" />
        <source>Server address</source>
        <translation>نشانی سرور</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="174" />
        <source>Demo server (optional)</source>
        <translation>سرور نمایشی (اختیاری)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="178" />
        <source>The address is on the letter from the provincial board's IT office. The election cycle and your board come from the server after you sign in.</source>
        <translation>نشانی سرور در نامهٔ واحد فناوری اطلاعات هیات استان آمده است. دوره انتخابات و هیات شما پس از ورود از سرور دریافت می‌شود.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/wizard/first_run.py" line="185" />
        <source>Demo data is made up: practise with it, never enter real cases. If a demo server runs at the address above, the wizard signs in to it as the demo county board.</source>
        <translation>دادهٔ نمایشی ساختگی است: با آن تمرین کنید و هرگز پروندهٔ واقعی در آن وارد نکنید. اگر سرور نمایشی در نشانی بالا در حال اجرا باشد، راه‌انداز با حساب هیات نمایشی شهرستان به آن وارد می‌شود.</translation>
    </message>
</context><context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../supervisor_app/ui/sync_status.py" line="225" />
        <source>Registry: checking…</source>
        <translation>سامانه ثبت‌نام: در حال بررسی…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/sync_status.py" line="232" />
        <source>Registry: not signed in</source>
        <translation>سامانه ثبت‌نام: وارد نشده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/sync_status.py" line="234" />
        <source>Registry: online</source>
        <translation>سامانه ثبت‌نام: متصل</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/sync_status.py" line="236" />
        <source>Registry: offline</source>
        <translation>سامانه ثبت‌نام: قطع</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/sync_status.py" line="241" />
        <source>Waiting to be sent: {count}</source>
        <translation>در صف ارسال: {count}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/sync_status.py" line="243" />
        <source>({count} need attention)</source>
        <translation>({count} مورد نیازمند بررسی)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/sync_status.py" line="248" />
        <source>Last sync: never</source>
        <translation>آخرین همگام‌سازی: هنوز انجام نشده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/sync_status.py" line="252" />
        <source>Last sync: {date} at {time}</source>
        <translation>آخرین همگام‌سازی: {date} ساعت {time}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/sync_status.py" line="256" />
        <source>Server: {url}</source>
        <translation>سرور: {url}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/sync_status.py" line="266" />
        <location filename="../../supervisor_app/ui/sync_status.py" line="261" />
        <source>Registry: syncing…</source>
        <translation>سامانه ثبت‌نام: در حال همگام‌سازی…</translation>
    </message>
</context><context>
    <name>SyncPage</name>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="52" />
        <source>Sync with the registration system</source>
        <translation>همگام‌سازی با سامانه ثبت‌نام</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="72" />
        <source>Server:</source>
        <translation>سرور:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="73" />
        <source>Signed in as:</source>
        <translation>واردشده با حساب:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="74" />
        <source>Connection:</source>
        <translation>اتصال:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="75" />
        <source>Waiting to be sent:</source>
        <translation>در صف ارسال:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="76" />
        <source>Last sync:</source>
        <translation>آخرین همگام‌سازی:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="77" />
        <source>Central CA:</source>
        <translation>مرجع گواهی مرکزی:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="78" />
        <source>Revocation list:</source>
        <translation>فهرست ابطال:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="92" />
        <source>Sign in</source>
        <translation>ورود</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="95" />
        <source>Server address:</source>
        <translation>نشانی سرور:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="96" />
        <source>User name:</source>
        <translation>نام کاربری:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="97" />
        <source>Password:</source>
        <translation>گذرواژه:</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="98" />
        <source>Central CA fingerprint (optional):</source>
        <translation>اثر انگشت مرجع گواهی مرکزی (اختیاری):</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="101" />
        <source>Sync now</source>
        <translation>همگام‌سازی اکنون</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="104" />
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="122" />
        <source>Not accepted by the server</source>
        <translation>مواردی که سرور نپذیرفت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="127" />
        <source>Record</source>
        <translation>رکورد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="127" />
        <source>Id</source>
        <translation>شناسه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="127" />
        <source>State</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="127" />
        <source>Server's reason</source>
        <translation>دلیل سرور</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="128" />
        <source>What to do</source>
        <translation>اقدام بعدی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="137" />
        <source>Nothing: the server accepted everything sent.</source>
        <translation>هیچ؛ سرور همه موارد ارسالی را پذیرفت.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="138" />
        <source>Send again</source>
        <translation>ارسال دوباره</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="198" />
        <source>Cancelling after the current step…</source>
        <translation>پس از پایان گام جاری لغو می‌شود…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="214" />
        <source>Enter the server address, user name and password.</source>
        <translation>نشانی سرور، نام کاربری و گذرواژه را وارد کنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="222" />
        <source>The fingerprint must have 64 hexadecimal digits.</source>
        <translation>اثر انگشت باید ۶۴ رقم مبنای شانزده داشته باشد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="225" />
        <source>Signing in…</source>
        <translation>در حال ورود…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="251" />
        <location filename="../../supervisor_app/ui/pages/sync.py" line="241" />
        <source>Connecting to the server…</source>
        <translation>در حال اتصال به سرور…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="252" />
        <source>Sending the queue</source>
        <translation>ارسال موارد صف</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="253" />
        <source>Receiving reference data</source>
        <translation>دریافت اطلاعات پایه</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="254" />
        <source>Receiving dossiers</source>
        <translation>دریافت پرونده‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="255" />
        <source>Receiving decisions, objections, reports and complaints</source>
        <translation>دریافت تصمیم‌ها، اعتراض‌ها، گزارش‌ها و شکایت‌ها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="256" />
        <source>Finished</source>
        <translation>پایان یافت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="261" />
        <source>{phase}: {done} of {total}</source>
        <translation>{phase}: {done} از {total}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="265" />
        <source>{phase}: {done}</source>
        <translation>{phase}: {done} مورد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="279" />
        <source>The sync stopped because of an error; see the log.</source>
        <translation>همگام‌سازی به سبب خطا متوقف شد؛ گزارش رویدادها را ببینید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="389" />
        <location filename="../../supervisor_app/ui/pages/sync.py" line="288" />
        <source>Not signed in</source>
        <translation>وارد نشده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="290" />
        <source>Online</source>
        <translation>متصل</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="292" />
        <source>Offline: the queue is kept and sent later</source>
        <translation>قطع؛ صف ارسال نگه داشته می‌شود و بعداً ارسال می‌شود</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="294" />
        <source>{count} items</source>
        <translation>{count} مورد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="295" />
        <source>Nothing; everything has been sent</source>
        <translation>هیچ؛ همه موارد ارسال شده است</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="298" />
        <source>Never</source>
        <translation>تاکنون انجام نشده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="302" />
        <source>{date} at {time}</source>
        <translation>{date} ساعت {time}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="306" />
        <source>Last attempt: {error}</source>
        <translation>آخرین تلاش: {error}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="314" />
        <source>None yet; only the CA with fingerprint {pin} will be accepted</source>
        <translation>هنوز دریافت نشده است؛ فقط مرجعی با اثر انگشت {pin} پذیرفته می‌شود</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="316" />
        <source>None yet; it arrives with the first sync</source>
        <translation>هنوز دریافت نشده است؛ با نخستین همگام‌سازی می‌رسد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="320" />
        <source>{fingerprint}
Confirmed: it matches the fingerprint set on this workstation.</source>
        <translation>{fingerprint}
تأییدشده: با اثر انگشت تعیین‌شده برای این رایانه یکی است.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="323" />
        <source>{fingerprint}
Does not match the fingerprint set on this workstation ({pin}); do not seal rulings and call the IT officer.</source>
        <translation>{fingerprint}
با اثر انگشت تعیین‌شده برای این رایانه ({pin}) یکی نیست؛ رأیی مهر نکنید و با مسئول فناوری تماس بگیرید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="327" />
        <source>{fingerprint}
Accepted on first use and not yet confirmed: compare it with the fingerprint the central board announced.</source>
        <translation>{fingerprint}
در نخستین استفاده پذیرفته شده و هنوز تأیید نشده است: آن را با اثر انگشتی که هیات مرکزی اعلام کرده است مقایسه کنید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="331" />
        <source>None yet: rulings cannot be sealed</source>
        <translation>هنوز دریافت نشده است: رأی مهر نمی‌شود</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="336" />
        <source>No. {number}, valid until {date}</source>
        <translation>شمارهٔ {number}، معتبر تا {date}</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="338" />
        <source>No. {number} expired on {date}: rulings cannot be sealed until a newer list arrives by sync</source>
        <translation>شمارهٔ {number} در {date} منقضی شده است: تا رسیدن فهرست تازه‌تر با همگام‌سازی، رأی مهر نمی‌شود</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="348" />
        <source>Cancelled. What was received so far is kept; the next sync continues from there.</source>
        <translation>لغو شد. آنچه تا این لحظه دریافت شده نگه داشته می‌شود و همگام‌سازی بعدی از همان‌جا ادامه می‌دهد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="351" />
        <source>The sync did not finish: {reason} Nothing is lost; it will be tried again.</source>
        <translation>همگام‌سازی کامل نشد: {reason} چیزی از دست نرفته است و دوباره تلاش می‌شود.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="353" />
        <source>Done: {sent} items sent, {received} records received.</source>
        <translation>انجام شد: {sent} مورد ارسال و {received} رکورد دریافت شد.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="356" />
        <source>{count} items were not accepted; see the list below.</source>
        <translation>{count} مورد پذیرفته نشد؛ فهرست زیر را ببینید.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="362" />
        <source>Qualification decision</source>
        <translation>تصمیم صلاحیت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="363" />
        <source>Objection</source>
        <translation>اعتراض</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="364" />
        <source>Observer report</source>
        <translation>گزارش ناظر</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="365" />
        <source>Complaint</source>
        <translation>شکایت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="366" />
        <source>Complaint history entry</source>
        <translation>رویداد سابقهٔ شکایت</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="367" />
        <source>Ruling of another board</source>
        <translation>رأی هیات دیگر</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="368" />
        <source>Stored ruling record</source>
        <translation>رکورد ذخیره‌شدهٔ رأی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="369" />
        <source>Central CA certificate</source>
        <translation>گواهی مرجع هیات مرکزی</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="370" />
        <source>Member certificate</source>
        <translation>گواهی عضو</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="371" />
        <source>Signed ruling</source>
        <translation>رأی امضاشده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="372" />
        <source>Audit log head</source>
        <translation>سرِ زنجیره رویدادها</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="373" />
        <source>Signed ledger head</source>
        <translation>سرِ امضاشدهٔ دفتر</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="374" />
        <source>Branch (imported)</source>
        <translation>شعبه (واردشده از فایل)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="375" />
        <source>Observer (imported)</source>
        <translation>ناظر (واردشده از فایل)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="385" />
        <source>Not set</source>
        <translation>تعیین نشده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="387" />
        <source>{user} (board {board})</source>
        <translation>{user} (هیات {board})</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="401" />
        <source>Conflict</source>
        <translation>ناسازگاری</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="401" />
        <source>Rejected</source>
        <translation>ردشده</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="402" />
        <source>Not imported</source>
        <translation>دریافت نشد</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="421" />
        <source>Signed in. Syncing…</source>
        <translation>وارد شدید. در حال همگام‌سازی…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/ui/pages/sync.py" line="429" />
        <source>Could not sign in: {reason}</source>
        <translation>ورود ممکن نشد: {reason}</translation>
    </message>
</context></TS>
