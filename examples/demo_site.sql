-- Accounts the demo site already holds before the sample order (loaded after the test fixtures):
-- Jérôme's account with his email in other case, and Anne's account with an enrolment in
-- the course that ends before the session does.
INSERT INTO `mdl_user`
  (`id`, `auth`, `confirmed`, `mnethostid`, `username`, `password`, `firstname`, `lastname`, `email`,
   `lang`, `calendartype`, `timezone`, `timecreated`, `timemodified`)
VALUES
  (10, 'manual', 1, 1, 'jlefevre', 'not-a-hash', 'Jérôme', 'Lefèvre', 'JEROME.LEFEVRE@example.com', 'fr', 'gregorian', '99', 1767225600, 1767225600),
  (11, 'manual', 1, 1, 'amartin',  'not-a-hash', 'Anne',   'Martin',  'anne.martin@example.com',    'fr', 'gregorian', '99', 1767225600, 1767225600);
INSERT INTO `mdl_context` (`id`, `contextlevel`, `instanceid`, `path`, `depth`, `locked`) VALUES
  (20, 30, 10, '/1/20', 2, 0),
  (21, 30, 11, '/1/21', 2, 0);
INSERT INTO `mdl_user_enrolments` (`status`, `enrolid`, `userid`, `timestart`, `timeend`, `timecreated`, `timemodified`)
VALUES (0, 1, 11, 1767225600, 1769904000, 1767225600, 1767225600);
INSERT INTO `mdl_role_assignments` (`roleid`, `contextid`, `userid`, `timemodified`, `component`, `itemid`)
VALUES (5, 6, 11, 1767225600, '', 0);
