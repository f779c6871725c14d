DELETE FROM events WHERE event_id IN (SELECT event_id FROM moving)
