-- Comments are stored with every line break as a line feed (a carriage
-- return read as another text once the first view's HTML was parsed):
-- those stored before are brought in line.
UPDATE comments SET body = replace(replace(body, chr(13) || chr(10), chr(10)), chr(13), chr(10))
WHERE strpos(body, chr(13)) > 0;
