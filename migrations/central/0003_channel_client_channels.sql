-- A channel client (web shop, app, bot) writes touchpoints of its own channels only; store
-- purchases come from that store's tills. Clients created before this declare every online
-- channel; new ones must name theirs.
ALTER TABLE channel_clients ADD COLUMN channels text[] NOT NULL DEFAULT '{web,app,email,stream,social,sms}';
