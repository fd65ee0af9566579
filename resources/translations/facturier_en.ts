<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB">
<context>
    <name>BatchConfirmDialog</name>
    <message numerus="yes">
        <source>Left out: %n document(s) already waiting in the outbox.</source>
        <translation><numerusform>Left out: %n document already waiting in the outbox.</numerusform><numerusform>Left out: %n documents already waiting in the outbox.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) will be sent.</source>
        <translation><numerusform>%n document will be sent.</numerusform><numerusform>%n documents will be sent.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Sending %n document(s)…</source>
        <translation><numerusform>Sending %n document…</numerusform><numerusform>Sending %n documents…</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Preparing %n document(s)…</source>
        <translation><numerusform>Preparing %n document…</numerusform><numerusform>Preparing %n documents…</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n through the platform</source>
        <translation><numerusform>%n through the platform</numerusform><numerusform>%n through the platform</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n by e-mail</source>
        <translation><numerusform>%n by e-mail</numerusform><numerusform>%n by e-mail</numerusform></translation>
    </message>
</context>
<context>
    <name>BatchSummary</name>
    <message numerus="yes">
        <source>Send again the %n document(s) already sent (the last on {date})</source>
        <translation><numerusform>Send again the %n document already sent (the last on {date})</numerusform><numerusform>Send again the %n documents already sent (the last on {date})</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) whose last message failed or is uncertain: send again</source>
        <translation><numerusform>%n document whose last message failed or is uncertain: send again</numerusform><numerusform>%n documents whose last message failed or is uncertain: send again</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>(the client may already have the document(s)):</source>
        <translation><numerusform>(the client may already have the document):</numerusform><numerusform>(the client may already have the documents):</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n invoice(s) already paid: include in this sending</source>
        <translation><numerusform>%n invoice already paid: include in this sending</numerusform><numerusform>%n invoices already paid: include in this sending</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>(the e-mail does not ask for payment):</source>
        <translation><numerusform>(the e-mail does not ask for payment):</numerusform><numerusform>(the e-mail does not ask for payment):</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>…and %n more</source>
        <translation><numerusform>…and %n more</numerusform><numerusform>…and %n more</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n sent</source>
        <translation><numerusform>%n sent</numerusform><numerusform>%n sent</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation><numerusform>%n refused</numerusform><numerusform>%n refused</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n uncertain</source>
        <translation><numerusform>%n uncertain</numerusform><numerusform>%n uncertain</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation><numerusform>%n waiting</numerusform><numerusform>%n waiting</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n paused</source>
        <translation><numerusform>%n paused</numerusform><numerusform>%n paused</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n for later (daily limit)</source>
        <translation><numerusform>%n for later (daily limit)</numerusform><numerusform>%n for later (daily limit)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) prepared, paused</source>
        <translation><numerusform>%n message prepared, paused</numerusform><numerusform>%n messages prepared, paused</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n reminder(s) sent</source>
        <translation><numerusform>%n reminder sent</numerusform><numerusform>%n reminders sent</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) sent</source>
        <translation><numerusform>%n document sent</numerusform><numerusform>%n documents sent</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n of them with a refused address</source>
        <translation><numerusform>%n of them with a refused address</numerusform><numerusform>%n of them with a refused address</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n without address</source>
        <translation><numerusform>%n without address</numerusform><numerusform>%n without address</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n paid invoice(s) left out</source>
        <translation><numerusform>%n paid invoice left out</numerusform><numerusform>%n paid invoices left out</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n left out (last message failed or uncertain)</source>
        <translation><numerusform>%n left out (last message failed or uncertain)</numerusform><numerusform>%n left out (last message failed or uncertain)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n left out</source>
        <translation><numerusform>%n left out</numerusform><numerusform>%n left out</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Sending was stopped: %n message(s) paused in the Outbox; they go out only when you press “Resume sending” there.</source>
        <translation><numerusform>Sending was stopped: %n message paused in the Outbox; they go out only when you press “Resume sending” there.</numerusform><numerusform>Sending was stopped: %n messages paused in the Outbox; they go out only when you press “Resume sending” there.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) paused because the client's addresses changed since preparation: check them in the Outbox.</source>
        <translation><numerusform>%n message paused because the client's addresses changed since preparation: check them in the Outbox.</numerusform><numerusform>%n messages paused because the client's addresses changed since preparation: check them in the Outbox.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Your mail provider's daily limit is reached: %n message(s) wait in the Outbox and leave on their own {when}, while Facturier is open.</source>
        <translation><numerusform>Your mail provider's daily limit is reached: %n message wait in the Outbox and leave on their own {when}, while Facturier is open.</numerusform><numerusform>Your mail provider's daily limit is reached: %n messages wait in the Outbox and leave on their own {when}, while Facturier is open.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Your mail provider's daily limit is reached: %n message(s) wait in the Outbox; press “Resume sending” there {when}.</source>
        <translation><numerusform>Your mail provider's daily limit is reached: %n message wait in the Outbox; press “Resume sending” there {when}.</numerusform><numerusform>Your mail provider's daily limit is reached: %n messages wait in the Outbox; press “Resume sending” there {when}.</numerusform></translation>
    </message>
</context>
<context>
    <name>ClientEditorDialog</name>
    <message numerus="yes">
        <source>(and %n other problem(s))</source>
        <translation><numerusform>(and %n other problem)</numerusform><numerusform>(and %n other problems)</numerusform></translation>
    </message>
</context>
<context>
    <name>ClientImportReportDialog</name>
    <message numerus="yes">
        <source>%n client(s) imported.</source>
        <translation><numerusform>%n client imported.</numerusform><numerusform>%n clients imported.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n already in the address book (skipped).</source>
        <translation><numerusform>%n already in the address book (skipped).</numerusform><numerusform>%n already in the address book (skipped).</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Nothing was imported: %n row(s) with a problem. Correct the file and import it again.</source>
        <translation><numerusform>Nothing was imported: %n row with a problem. Correct the file and import it again.</numerusform><numerusform>Nothing was imported: %n rows with a problem. Correct the file and import it again.</numerusform></translation>
    </message>
</context>
<context>
    <name>ClientProblems</name>
    <message numerus="yes">
        <source>{name} cannot be deleted: %n document(s) refer to this client. A client stays in the address book as long as documents are made out to it.</source>
        <translation><numerusform>{name} cannot be deleted: %n document refer to this client. A client stays in the address book as long as documents are made out to it.</numerusform><numerusform>{name} cannot be deleted: %n documents refer to this client. A client stays in the address book as long as documents are made out to it.</numerusform></translation>
    </message>
</context>
<context>
    <name>ClientsView</name>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation><numerusform>%n client</numerusform><numerusform>%n clients</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) shown out of {total}</source>
        <translation><numerusform>%n client shown out of {total}</numerusform><numerusform>%n clients shown out of {total}</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n without mailing address</source>
        <translation><numerusform>%n without mailing address</numerusform><numerusform>%n without mailing address</numerusform></translation>
    </message>
</context>
<context>
    <name>DailyLimitWords</name>
    <message numerus="yes">
        <source>%Ln message(s) a day</source>
        <translation><numerusform>%Ln message a day</numerusform><numerusform>%Ln messages a day</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) a day</source>
        <translation><numerusform>%Ln recipient a day</numerusform><numerusform>%Ln recipients a day</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) will leave today;</source>
        <translation><numerusform>%n message will leave today;</numerusform><numerusform>%n messages will leave today;</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>the other %n will be sent {when}</source>
        <translation><numerusform>the other %n will be sent {when}</numerusform><numerusform>the other %n will be sent {when}</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Your provider's daily limit is reached: the %n message(s) will be sent {when}</source>
        <translation><numerusform>Your provider's daily limit is reached: the %n message will be sent {when}</numerusform><numerusform>Your provider's daily limit is reached: the %n messages will be sent {when}</numerusform></translation>
    </message>
</context>
<context>
    <name>DocumentEditorDialog</name>
    <message numerus="yes">
        <source>(and %n other problem(s))</source>
        <translation><numerusform>(and %n other problem)</numerusform><numerusform>(and %n other problems)</numerusform></translation>
    </message>
</context>
<context>
    <name>DrainPanel</name>
    <message numerus="yes">
        <source>%n message(s) sent</source>
        <translation><numerusform>%n message sent</numerusform><numerusform>%n messages sent</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n with a refused address</source>
        <translation><numerusform>%n with a refused address</numerusform><numerusform>%n with a refused address</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n to retry later</source>
        <translation><numerusform>%n to retry later</numerusform><numerusform>%n to retry later</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation><numerusform>%n failed</numerusform><numerusform>%n failed</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n uncertain</source>
        <translation><numerusform>%n uncertain</numerusform><numerusform>%n uncertain</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n on hold</source>
        <translation><numerusform>%n on hold</numerusform><numerusform>%n on hold</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) not sent: the client's addresses changed since preparation. Choose “Prepare again” or “Send as is”.</source>
        <translation><numerusform>%n message not sent: the client's addresses changed since preparation. Choose “Prepare again” or “Send as is”.</numerusform><numerusform>%n messages not sent: the client's addresses changed since preparation. Choose “Prepare again” or “Send as is”.</numerusform></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n recurring invoice(s) created</source>
        <translation><numerusform>%n recurring invoice created</numerusform><numerusform>%n recurring invoices created</numerusform></translation>
    </message>
</context>
<context>
    <name>OutboxStatusButton</name>
    <message numerus="yes">
        <source>%n sent</source>
        <translation><numerusform>%n sent</numerusform><numerusform>%n sent</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation><numerusform>%n refused</numerusform><numerusform>%n refused</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n with a refused address</source>
        <translation><numerusform>%n with a refused address</numerusform><numerusform>%n with a refused address</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n uncertain</source>
        <translation><numerusform>%n uncertain</numerusform><numerusform>%n uncertain</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n for later (daily limit)</source>
        <translation><numerusform>%n for later (daily limit)</numerusform><numerusform>%n for later (daily limit)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n on hold</source>
        <translation><numerusform>%n on hold</numerusform><numerusform>%n on hold</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) waiting to be sent</source>
        <translation><numerusform>%n message waiting to be sent</numerusform><numerusform>%n messages waiting to be sent</numerusform></translation>
    </message>
</context>
<context>
    <name>OutboxTableModel</name>
    <message numerus="yes">
        <source>Tried %n time(s)</source>
        <translation><numerusform>Tried %n time</numerusform><numerusform>Tried %n times</numerusform></translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message numerus="yes">
        <source>%n message(s) in the outbox</source>
        <translation><numerusform>%n message in the outbox</numerusform><numerusform>%n messages in the outbox</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation><numerusform>%n waiting</numerusform><numerusform>%n waiting</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n on hold</source>
        <translation><numerusform>%n on hold</numerusform><numerusform>%n on hold</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n failed or uncertain</source>
        <translation><numerusform>%n failed or uncertain</numerusform><numerusform>%n failed or uncertain</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n with a refused address</source>
        <translation><numerusform>%n with a refused address</numerusform><numerusform>%n with a refused address</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) prepared again for the client's current addresses: on hold until you resume sending.</source>
        <translation><numerusform>%n message prepared again for the client's current addresses: on hold until you resume sending.</numerusform><numerusform>%n messages prepared again for the client's current addresses: on hold until you resume sending.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) may already have been delivered: the connection was lost after the mail server received it.</source>
        <translation><numerusform>%n message may already have been delivered: the connection was lost after the mail server received it.</numerusform><numerusform>%n messages may already have been delivered: the connection was lost after the mail server received it.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Remove %n message(s) from the outbox?</source>
        <translation><numerusform>Remove %n message from the outbox?</numerusform><numerusform>Remove %n messages from the outbox?</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) removed from the outbox.</source>
        <translation><numerusform>%n message removed from the outbox.</numerusform><numerusform>%n messages removed from the outbox.</numerusform></translation>
    </message>
</context>
<context>
    <name>RecurrenceDialog</name>
    <message numerus="yes">
        <source>%n invoice(s) made so far.</source>
        <translation><numerusform>%n invoice made so far.</numerusform><numerusform>%n invoices made so far.</numerusform></translation>
    </message>
</context>
<context>
    <name>ReminderWords</name>
    <message numerus="yes">
        <source>%n reminder(s) to send.</source>
        <translation><numerusform>%n reminder to send.</numerusform><numerusform>%n reminders to send.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Sending %n reminder(s)…</source>
        <translation><numerusform>Sending %n reminder…</numerusform><numerusform>Sending %n reminders…</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Preparing %n reminder(s)…</source>
        <translation><numerusform>Preparing %n reminder…</numerusform><numerusform>Preparing %n reminders…</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Left out: %n invoice(s) whose reminder is already waiting in the outbox.</source>
        <translation><numerusform>Left out: %n invoice whose reminder is already waiting in the outbox.</numerusform><numerusform>Left out: %n invoices whose reminder is already waiting in the outbox.</numerusform></translation>
    </message>
</context>
<context>
    <name>RemindersView</name>
    <message numerus="yes">
        <source>%n overdue invoice(s)</source>
        <translation><numerusform>%n overdue invoice</numerusform><numerusform>%n overdue invoices</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n to remind now</source>
        <translation><numerusform>%n to remind now</numerusform><numerusform>%n to remind now</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n invoice(s) ticked</source>
        <translation><numerusform>%n invoice ticked</numerusform><numerusform>%n invoices ticked</numerusform></translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation><numerusform>%Ln document</numerusform><numerusform>%Ln documents</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln ticked</source>
        <translation><numerusform>%Ln ticked</numerusform><numerusform>%Ln ticked</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>(%Ln not shown by the filter)</source>
        <translation><numerusform>(%Ln not shown by the filter)</numerusform><numerusform>(%Ln not shown by the filter)</numerusform></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message numerus="yes">
        <source>(and %n other problem(s))</source>
        <translation><numerusform>(and %n other problem)</numerusform><numerusform>(and %n other problems)</numerusform></translation>
    </message>
</context>
</TS>