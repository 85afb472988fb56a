-- The till never shows a customer's e-mail, so it no longer keeps one (issue 13): e-mails an
-- earlier version cached are cleared. The column stays (migrations are additive) and stays NULL.
UPDATE customers SET email = NULL WHERE email IS NOT NULL;
