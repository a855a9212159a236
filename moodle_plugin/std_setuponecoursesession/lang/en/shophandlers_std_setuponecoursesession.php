<?php
// This file is part of Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
//
// Moodle is distributed in the hope that it will be useful,
// but WITHOUT ANY WARRANTY; without even the implied warranty of
// MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
// GNU General Public License for more details.
//
// You should have received a copy of the GNU General Public License
// along with Moodle.  If not, see <https://www.gnu.org/licenses/>.

/**
 * English strings.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['accessnotresendable'] = 'Access can only be re-sent to an active account that this order created and that never logged in.';
$string['accessresend'] = 'Re-send access';
$string['accessresendlimit'] = 'You have re-sent access {$a} times in the last hour: try again later.';
$string['accessresent'] = '{$a} will receive new credentials by email within a few minutes (the site\'s scheduled tasks send them).';
$string['accessresenttoosoon'] = 'Access was re-sent to this person less than an hour ago: try again after {$a}.';
$string['accountcreated'] = 'Created by the order';
$string['accountmatched'] = 'Existing account';
$string['addbackground'] = 'This list is long: it is added in the background, with a progress page you may leave and come back to.';
$string['addbyform'] = 'People, one per row';
$string['addbylist'] = 'A list (paste or CSV file)';
$string['addconfirm'] = 'Add {$a} people';
$string['addcountcreated'] = 'Accounts to create: {$a}';
$string['addcountinvalid'] = 'Invalid rows: {$a}';
$string['addcountmatched'] = 'Existing accounts, found by their email: {$a}';
$string['addcountmerged'] = 'Rows merged into another (same person and role): {$a}';
$string['addcountpresent'] = 'Already in this session: {$a}';
$string['addintro'] = '{$a->free} of the {$a->bought} seats bought are left. Name the people who take them: the preview shows what will happen before anything is written.';
$string['addinvalidcaption'] = 'Invalid rows';
$string['addinvalidintro'] = 'Correct these rows, then preview again: nothing can be added while a row is invalid.';
$string['addmorerows'] = '... and {$a} more rows.';
$string['addnothing'] = 'Nobody to add: every person of the list already holds a seat of this session.';
$string['addoutcome'] = 'What will happen';
$string['addoutcomecreated'] = 'Account to create: {$a}';
$string['addoutcomematched'] = 'Existing account {$a}';
$string['addoutcomemerged'] = 'Merged with an earlier row';
$string['addoutcomeplanned'] = 'To add';
$string['addoutcomepresent'] = 'Already holds a seat: nothing to do';
$string['addparticipants'] = 'Add participants';
$string['addpreview'] = 'Preview: nothing is written yet';
$string['addprogress'] = 'Adding participants';
$string['addprogresschecking'] = 'Checking the list of {$a} rows';
$string['addprogressdelivering'] = 'Sending the welcome messages';
$string['addprogressfailed'] = 'The addition failed; it will be tried again by the site\'s scheduled tasks.';
$string['addprogressqueued'] = 'Waiting for the site\'s background tasks to start the addition. This page updates by itself.';
$string['addprogresswriting'] = 'Setting up {$a} seats';
$string['addrows'] = 'Add 3 more rows';
$string['addrunning'] = 'An addition of {$a} rows is running: see its progress';
$string['addseats'] = 'Seats: {$a->free} left, {$a->needed} needed, {$a->left} left after';
$string['addsummary'] = '{$a->seats} seats taken: {$a->created} accounts created, {$a->matched} existing accounts; {$a->present} rows already held a seat.';
$string['allsessions'] = 'Course sessions of every customer';
$string['attachedno'] = 'No';
$string['attachedself'] = 'The operator';
$string['attachedyes'] = 'Yes';
$string['backtosession'] = 'Back to the session';
$string['beneficiary'] = 'Beneficiary';
$string['clidelivered'] = 'Order line {$a->billitemid}: {$a->delivered} effects delivered, {$a->pending} still to deliver ({$a->failed} failed).';
$string['clideliverhelp'] = 'Lists the effects of course-session setups still to deliver (events, welcome messages), or delivers them.

Options:
--list           the order lines with effects to deliver, and the last error of each
--billitemid=ID  deliver the effects of this order line
--all            deliver the effects of every order line
-h, --help       this help

Example:
$ sudo -u www-data /usr/bin/php local/shop/datahandling/handlers/std_setuponecoursesession/cli/deliver_effects.php --list';
$string['clideliverynote'] = '  {$a->effect}: sent by Moodle\'s own path, because of {$a->reason}';
$string['clihelp'] = 'Shows the setup plan of an order and, without --dry-run, produces it.

Options:
--billid=ID     the local_shop bill (required)
--dry-run       only show who will be created, matched and enrolled, with which roles
-h, --help      this help

Example:
$ sudo -u www-data /usr/bin/php local/shop/datahandling/handlers/std_setuponecoursesession/cli/setup_session.php --billid=42 --dry-run';
$string['cliline'] = 'Order line {$a->id}: course {$a->course}, group "{$a->group}"';
$string['clinoitems'] = 'Bill {$a} has no order line produced by this handler.';
$string['clipending'] = 'Order line {$a->billitemid}: {$a->pending} effects to deliver, {$a->failed} failed.';
$string['clipersoncreated'] = 'create  {$a->account}  {$a->name} <{$a->email}>  roles: {$a->roles}';
$string['clipersonmatched'] = 'match   {$a->account}  {$a->name} <{$a->email}>  roles: {$a->roles}';
$string['clipersonsuspended'] = 'match   {$a->account} (suspended)  {$a->name} <{$a->email}>  roles: {$a->roles}';
$string['cliseats'] = '{$a->people} participants, {$a->used} seats.';
$string['colaccess'] = 'Access';
$string['colaccount'] = 'Account';
$string['colattached'] = 'Attached to the operator';
$string['colenrolment'] = 'Enrolment';
$string['coursename'] = 'Course';
$string['customer'] = 'Customer';
$string['customercreated'] = 'A Moodle account was created for the customer: {$a->username} (id {$a->id}). Its password is sent by the site\'s scheduled mail.';
$string['customercreatedpublic'] = 'Your account {$a} has been created. Your password will reach you in a separate email.';
$string['customermatched'] = 'The customer already had a Moodle account: id {$a->id} ({$a->email}). It was linked, not modified.';
$string['effects'] = 'Notifications';
$string['effectsdelivered'] = 'All sent';
$string['effectsfailed'] = '{$a->pending} to send, {$a->failed} failed';
$string['effectspending'] = '{$a->pending} to send';
$string['enrolactive'] = 'Active';
$string['enrolsuspended'] = 'Suspended';
$string['erroraddinvalid'] = '{$a} rows of the list are invalid: nobody was added. Correct them and preview again.';
$string['erroraddseats'] = 'The list needs {$a->needed} seats but {$a->free} are left: nobody was added.';
$string['erroraddtaskunknown'] = 'This addition is unknown: it may have finished long ago.';
$string['errorconfiguration'] = 'The product\'s handler parameters are wrong: {$a}';
$string['errorcoursenotenrollable'] = 'Course {$a} has no enabled manual enrolment instance.';
$string['errorcoursenotexists'] = 'Course {$a} does not exist (handler parameter coursename is a course shortname).';
$string['errorcustomeraccount'] = 'The customer\'s account could not be looked up or named: {$a}';
$string['errorcustomeremail'] = 'The customer\'s email address "{$a}" is not valid: no account can be created.';
$string['errordatabase'] = 'The session could not be set up; nothing was written. Database error: {$a}';
$string['errordatabaseretried'] = 'The session could not be set up: the database refused it {$a->attempts} times for now (concurrent setups, or a cluster node\'s certification); nothing was written, try again. Database error: {$a->error}';
$string['errordelegationrole'] = 'The block "Delegated administration" (block_user_delegation) attaches owners with the role {$a}, which does not exist on this site: nothing was set up. Choose an existing role in the block\'s setting corole, or name the cross role in the product\'s handler parameters (crossrole=...).';
$string['erroreffectspending'] = '{$a->pending} effects are still to deliver ({$a->failed} failed): the task runs again later.';
$string['errorlistcolumns'] = 'The first row has {$a} columns: a list has 3 to 5 (last name, first name, email, then optionally role and city).';
$string['errorlistempty'] = 'The list is empty.';
$string['errorlistencoding'] = 'The list is not UTF-8 text: save it as "CSV UTF-8" and try again.';
$string['errorlistheader'] = 'The header row names an unknown or repeated column: "{$a}" (known: lastname, firstname, email, role, city).';
$string['errorlisttoolong'] = 'The list has more than {$a} rows: split it.';
$string['errorlocktimeout'] = 'Another course-session setup is running on this site; try again in a minute.';
$string['errornativestore'] = 'The setting store is native, but the extension has no native store for this database ({$a}): set it to auto or dml.';
$string['errornoorderline'] = 'This order line is not a course session of this shop.';
$string['errornotarget'] = 'The product has no target course: set the handler parameter coursename.';
$string['erroroperatormissing'] = 'Order {$a}: the customer has no Moodle account, or it was deleted.';
$string['errorprivilegedrole'] = 'The setting privilegedroles names the role {$a}, which does not exist on this site.';
$string['errorreplicabehind'] = 'The effects of this order line are not delivered yet: the database replica this site reads from has not received the setup after {$a} seconds; the task will try again.';
$string['errorrole'] = 'Role {$a} does not exist on this site.';
$string['errorroster'] = '{$a->message}. {$a->details}';
$string['errorrosterline'] = '[{$a->bucket}] {$a->email}: {$a->field} {$a->reason}';
$string['errorstoresetting'] = 'The setting store is {$a}: it must be auto, native or dml.';
$string['errorunknownrole'] = 'unknown role "{$a->role}"; this order offers: {$a->allowed}';
$string['eventaccessresent'] = 'Access re-sent to a session participant';
$string['feedbackeffectspending'] = '<p>{$a} notifications (welcome messages, course updates) are still being sent; they follow within minutes.</p>';
$string['feedbackeffectssales'] = '<p>Effects: {$a->delivered} delivered at once, {$a->pending} left to the scheduled task ({$a->failed} failed). To see or deliver them: cli/deliver_effects.php --list.</p>';
$string['feedbackprivate'] = '<p>Your training session for <b>{$a->course}</b> is set up: {$a->participants} participants in the group "{$a->group}".</p><p>Participants who had no account on the site receive their login details by email from the site. Participants who already had an account keep it.</p>';
$string['feedbackpublic'] = '<p>Your training session for <b>{$a->course}</b> is set up: {$a->participants} participants in the group "{$a->group}".</p>';
$string['feedbacksales'] = '<p><b>TXID: {$a->txid}</b> course {$a->course} (id {$a->courseid}), group "{$a->group}" (id {$a->groupid}).</p><p>{$a->participants} participants on {$a->seats} seats: {$a->created} accounts created, {$a->matched} existing accounts used; {$a->enrolled} enrolled, {$a->alreadyenrolled} already enrolled, {$a->extended} enrolment periods extended; {$a->roles} role assignments, {$a->members} group memberships, {$a->products} products recorded.</p>';
$string['field'] = 'Field';
$string['handlername'] = 'Setup one course session';
$string['mysessions'] = 'My course sessions';
$string['nativestoremissing'] = 'This site\'s database is PostgreSQL, but the shopsetup extension was built without libpq: course-session setups use the slower store over Moodle\'s $DB. Install libpq-dev, rebuild and reinstall the extension (or its Debian package, which has it).';
$string['nativestores'] = 'Native stores of the extension: {$a}';
$string['noend'] = 'no end';
$string['nosessions'] = 'No course session was bought with this account.';
$string['order'] = 'Order';
$string['participantfile'] = 'Or a CSV file';
$string['participantlist'] = 'Paste a list';
$string['participantlist_help'] = 'One person per line: last name, first name, email, then optionally role (learner or tutor) and city. Separate with commas, semicolons or tabs (a spreadsheet\'s copy). A first line of column names (lastname, firstname, email, role, city, or nom, prénom, courriel, rôle, ville) is optional.';
$string['participantno'] = 'Participant {no}';
$string['participantscaption'] = 'The participants of the session, one row per seat';
$string['period'] = 'Period';
$string['pluginname'] = 'Setup one course session';
$string['privacy:metadata:local_shop_product'] = 'One product per seat of a course session, recorded in the shop.';
$string['privacy:metadata:local_shop_product:enddate'] = 'When the participant\'s enrolment ends.';
$string['privacy:metadata:local_shop_product:instanceid'] = 'The participant\'s enrolment.';
$string['privacy:metadata:local_shop_product:productiondata'] = 'The course, the participant\'s user id, role and enrolment period.';
$string['privacy:metadata:local_shop_product:reference'] = 'The product reference.';
$string['privacy:metadata:local_shop_product:startdate'] = 'When the participant\'s enrolment starts.';
$string['privacy:metadata:preference:accessresends'] = 'When the user re-sent access to participants in the last hour (a limit per hour).';
$string['privacy:metadata:preference:accessresent'] = 'When access was last re-sent to the participant (at most once an hour).';
$string['privacy:metadata:shophandlers_setup_outbox'] = 'What remains to be done for a participant after a course-session setup (events, welcome message), until it is done.';
$string['privacy:metadata:shophandlers_setup_outbox:kind'] = 'What remains to be done.';
$string['privacy:metadata:shophandlers_setup_outbox:timecreated'] = 'When the setup was made.';
$string['privacy:metadata:shophandlers_setup_outbox:userid'] = 'The participant.';
$string['reason'] = 'Reason';
$string['role'] = 'Role';
$string['roleunknown'] = 'Participant (role not recorded)';
$string['row'] = 'Row';
$string['rowfile'] = 'File row {$a}';
$string['rowform'] = 'Form row {$a}';
$string['rowlist'] = 'List row {$a}';
$string['seatsassigned'] = 'Seats taken';
$string['seatsbought'] = 'Seats bought';
$string['seatsfree'] = 'Seats left';
$string['session'] = 'Course session {$a}';
$string['sessionlink'] = 'Course session "{$a}": its participants and its seats';
$string['sessionsof'] = 'Course sessions of {$a}';
$string['shopsetuprequired'] = 'The shopsetup PHP extension is required by the course-session handler and is not loaded. Install it (README, "Install"), load it in the web server\'s and the CLI\'s PHP (extension=shopsetup), then restart PHP.';
$string['shopsetuptooold'] = 'The shopsetup PHP extension loaded is version {$a->found}; the course-session handler needs {$a->required} or later. Install the extension of this release (README, "Install"), then restart PHP.';
$string['shopsetuptoooldenv'] = 'The shopsetup PHP extension is older than the course-session handler needs. Install the extension of this release (README, "Install"), then restart PHP.';
$string['std_setuponecoursesession:manageallsessions'] = 'Add people to the course sessions of every customer';
$string['std_setuponecoursesession:viewallsessions'] = 'See the course sessions of every customer';
$string['tasksweepoutbox'] = 'Queue the delivery of course-session effects left without a task';
$string['unsupervised_categoryrole'] = 'holds a role in a course category';
$string['unsupervised_existing'] = 'existing accounts are not attached: superviseexisting=none';
$string['unsupervised_listedrole'] = 'holds a role listed in the setting privilegedroles';
$string['unsupervised_siteadmin'] = 'a site administrator';
$string['unsupervised_systemrole'] = 'holds a role at system level';
$string['warningambiguous'] = 'Several accounts use {$a->email} (ids {$a->ids}): account {$a->chosen} was used.';
$string['warningconfiguration'] = 'Handler parameters: {$a}';
$string['warningmerged'] = '{$a->email}: {$a->message}';
$string['warningnocustomerrole'] = 'The role "customer" does not exist: the operator was enrolled in the support course as a student only.';
$string['warningnoseats'] = 'The product sells no seats (quantaddressesusers is 0): only the customer will be enrolled.';
$string['warningsupportcourse'] = 'Customer support course {$a} does not exist: the operator was not enrolled in it.';
$string['warningsupportnotenrollable'] = 'Customer support course {$a} has no enabled manual enrolment: the operator was not enrolled in it.';
$string['warningsuspended'] = 'The account of {$a} is suspended: it was enrolled, but cannot log in until it is reactivated.';
$string['warningunsupervised'] = 'The operator was not attached to the existing account of {$a->email} ({$a->reason}): the account is enrolled and in the group, without cross roles.';
