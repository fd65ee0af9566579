"""Names vulture cannot see used (tests/test_quality.py runs it over app and ui).

Only hooks called by a framework, fields read through reflection, and the small test API of
the widgets belong here; anything else vulture finds is dead code to delete.
"""

# ruff: noqa: B018
# mypy: ignore-errors
from __future__ import annotations

_ = object()

# Called by a framework: Qt overrides, SQLAlchemy events, http.server, smtplib, fpdf2,
# context managers' __exit__ arguments, a metaclass's dunders.
_.filterAcceptsRow
_.multiData  # every role of a painted cell in one call
_.features  # QStyleOptionViewItem, written for Qt to read
_.do_GET
_.log_message
_.daemon_threads
_.is_closed
_.command_encoding
_.handle_password
_.footer
_.ttfont
_._hbfont
_.missing_glyphs
_.biggest_size_pt
_.subset
_.pdf_header
_.isolation_level
_._on_connect
_._on_begin
_.exc_type
_.tb
_.qname
_.rdtype
_.__iter__
_.__len__
_._printer  # keeps the QPrinter alive while a background task paints on it

# Read through reflection: app.domain.status.Rule's conditions (dataclasses.fields).
_.past_due

# Results' fields and properties shown to the user or checked by the tests.
_.backup_path
_.migrated_from
_.backup_path
_.migrated_from
_.messages_left_this_minute
_.next_free_at
_.clients_without_mail
_.clients_with_two_mail
_.send_records
_.years
_.company_written
_.by_kind
_.has_archived_pdf
_.profile_name
_.deferred
_.deferred

# The widgets' test API (pytest-qt tests drive and read the GUI through them).
_.problem_message
_.rate_lines
_.rendering
_.sharp_pages
_.page_pixmap
_.copied_rows
_.is_signing_in
_.report_model
_.current_view
_.encoding_question
_.set_filter
_.request_rows
_.envelope_state
_.set_sent_filter
_.unregister_kind  # a test registers a kind of its own, then removes it
_.running_count  # the GUI benchmark waits for an idle window

# The access-token cache is process-wide: the tests' OAuth server empties it between tests.
_.forget_access_tokens

# Payment reminders: a template field read by name (getattr), the tests' API.
_.invoice_list
_.save_levels
_.preview_subject
_.preview_body

# The approved e-invoicing platform: the client's API read by tests, fields of the
# standard's records kept as read, a task held so that it lives.
_.authenticate
_.require_platform_secret
_.INVOICE_FLOW
_.OUTGOING
_.is_polling
_.status_task
_.recorded_at
_.flow_type
_.syntax
_.platform_name
_.http_status

# Export for the accountant: a format chosen by its value from the dialog's list.
_.CSV
_.is_reading  # the attachments list is read: tests wait on it
_.textElideMode  # a Qt style option's field, set for the view to read

# The icon set's rules, checked by tests/ui/test_icons.py.
_.GRID
_.icon_names
