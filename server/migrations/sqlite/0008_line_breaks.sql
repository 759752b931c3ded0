-- Comments are stored with every line break as a line feed (a carriage
-- return read as another text once the first view's HTML was parsed):
-- those stored before are brought in line.
UPDATE comments SET body = replace(replace(body, char(13) || char(10), char(10)), char(13), char(10))
WHERE instr(body, char(13)) > 0;
