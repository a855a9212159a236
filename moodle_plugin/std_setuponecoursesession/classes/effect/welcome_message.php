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

namespace shophandlers_std_setuponecoursesession\effect;

use core_enrol\hook\after_user_enrolled;

/**
 * The course welcome message of a manual enrolment instance, sent to each new participant of a
 * batch as Moodle 4.5 sends it (the hook after_user_enrolled, enrol_plugin::
 * send_course_welcome_message_to_user(), message_send()), with what is the same for the whole course
 * done once: the course, its name, the role, the sender (course contact), the provider's check, the
 * processors and the site's defaults. Per recipient only what differs: the text, the user's
 * preference, the notifications row, then Moodle's own \core\message\manager::send_message()
 * (processors, popup row, email, events).
 *
 * Only where that is exactly what Moodle does: Moodle 4.5, the hook's callbacks those of Moodle
 * itself (the communication subsystem off), the message processors Moodle's own; else unsafe()
 * says why and the hook is dispatched for each participant, as Moodle does.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class welcome_message {
    /** The Moodle branch whose code this class follows (its parity test: integration welcome_parity). */
    const BRANCH = '405';

    /** The callbacks of after_user_enrolled this class accounts for. */
    const CALLBACKS = [
        'enrol_manual\user_enrolment_callbacks::send_course_welcome_message',
        'enrol_self\user_enrolment_callbacks::send_course_welcome_message',
        'core_communication\hook_listener::add_communication_membership_for_enrolled_user',
    ];

    /** Moodle's own message processors. */
    const PROCESSORS = ['email', 'popup', 'airnotifier'];

    /** The message provider. */
    const COMPONENT = 'moodle';

    /** The message provider's name. */
    const NAME = 'enrolcoursewelcomemessage';

    /** @var \stdClass the enrolment instance */
    protected $instance;

    /** @var \context_course */
    protected $context;

    /** @var \stdClass|null the sender, null: no message (as Moodle: no contact, no message) */
    protected $contact;

    /** @var string the course name as the message shows it */
    protected $coursename;

    /** @var string the course's full name (contexturlname) */
    protected $coursefullname;

    /** @var string|false the shortname of the instance's role */
    protected $courserole;

    /** @var \stdClass the site's message defaults */
    protected $defaults;

    /** @var array the enabled processors */
    protected $processors;

    /** @var bool whether the provider exists and has no capability (then every user may receive it) */
    protected $allowed;

    /**
     * Why the fast path would not do exactly what Moodle does on this site, or null when it would.
     *
     * @return string|null
     */
    public static function unsafe(): ?string {
        global $CFG;
        if ((string) $CFG->branch !== self::BRANCH) {
            return "Moodle branch $CFG->branch";
        }
        if (\core_communication\api::is_available()) {
            return 'the communication subsystem is enabled';
        }
        $callbacks = \core\di::get(\core\hook\manager::class)->get_callbacks_for_hook(after_user_enrolled::class);
        foreach ($callbacks as $callback) {
            $name = ltrim(is_array($callback['callback']) ? implode('::', $callback['callback']) : $callback['callback'], '\\');
            if (!in_array($name, self::CALLBACKS, true) || !empty($callback['disabled'])) {
                return "the hook callback $name";
            }
        }
        foreach (get_message_processors(true) as $processor) {
            if (!in_array($processor->name, self::PROCESSORS, true)) {
                return "the message processor $processor->name";
            }
        }
        return null;
    }

    /**
     * The welcome message of an instance for a batch, made once per batch and instance; null when
     * the instance sends none (what the hook's callbacks would decide).
     *
     * @param batch $batch
     * @param \stdClass $instance
     * @return self|null
     */
    public static function of_instance(batch $batch, \stdClass $instance): ?self {
        return $batch->memo('welcome/' . $instance->id, function () use ($instance) {
            // The callback of enrol_manual: a manual instance whose customint1 says who sends.
            return $instance->enrol === 'manual' && $instance->customint1 ? new self($instance) : null;
        });
    }

    /**
     * The course's part of the message, once.
     *
     * @param \stdClass $instance
     */
    protected function __construct(\stdClass $instance) {
        global $DB;
        $this->instance = $instance;
        $this->context = \context_course::instance($instance->courseid);
        $course = get_course($instance->courseid);
        $this->coursefullname = $course->fullname;
        $this->courserole = $DB->get_field('role', 'shortname', ['id' => $instance->roleid]);
        $this->coursename = format_string($course->fullname, true, ['context' => $this->context, 'escape' => false]);
        $this->contact = enrol_get_plugin($instance->enrol)->get_welcome_message_contact(
            sendoption: (int) $instance->customint1,
            context: $this->context,
        );
        $this->defaults = get_message_output_default_preferences();
        $this->processors = get_message_processors(true);
        $this->allowed = false;
        foreach (get_message_providers() as $provider) {
            if ($provider->component === self::COMPONENT && $provider->name === self::NAME && empty($provider->capability)) {
                $this->allowed = true;
            }
        }
    }

    /**
     * Sends the message to one new participant, as send_course_welcome_message_to_user() and
     * message_send() do.
     *
     * @param \stdClass $user the full user record
     */
    public function send(\stdClass $user): void {
        global $DB;
        if (!$this->contact) {
            return;
        }
        $base = self::COMPONENT . '_' . self::NAME;
        if (!empty($this->defaults->{$base . '_disable'})) {
            return;
        }
        $message = $this->message($user);
        if (!$this->allowed) {
            debugging('Attempt to send msg from a provider ' . self::COMPONENT . '/' . self::NAME .
                ' that is inactive or not allowed for the user id=' . $user->id, DEBUG_NORMAL);
            return;
        }
        $realuser = \core_user::is_real_user($user->id) != false;
        if (!$realuser && !empty($user->emailstop)) {
            debugging('Attempt to send msg to internal (noreply) user', DEBUG_NORMAL);
            return;
        }
        $record = (object) [
            'useridfrom' => $message->userfrom->id,
            'useridto' => $user->id,
            'subject' => $message->subject,
            'fullmessage' => $message->fullmessage,
            'fullmessageformat' => $message->fullmessageformat,
            'fullmessagehtml' => $message->fullmessagehtml,
            'smallmessage' => $message->smallmessage,
            'eventtype' => $message->name,
            'component' => $message->component,
            'timecreated' => time(),
            'customdata' => $message->customdata,
            'contexturl' => !empty($message->contexturl) ? (string) $message->contexturl : null,
            'contexturlname' => !empty($message->contexturlname) ? (string) $message->contexturlname : null,
        ];
        if (message_handle_phpunit_redirection($message, 'notifications', $record)) {
            return;
        }
        $processors = $this->processors_for($user, $realuser);
        $record->id = $DB->insert_record('notifications', $record);
        $message->savedmessageid = $record->id;
        try {
            \core\message\manager::send_message($message, $record, $processors);
        } catch (\moodle_exception $e) {
            // As message_send(): a message that could not be sent is not an error of the enrolment.
            return;
        }
    }

    /**
     * The message of send_course_welcome_message_to_user(), for one user.
     *
     * @param \stdClass $user
     * @return \core\message\message
     */
    protected function message(\stdClass $user): \core\message\message {
        $a = new \stdClass();
        $a->coursename = $this->coursename;
        $a->profileurl = (new \moodle_url('/user/view.php', ['id' => $user->id, 'course' => $this->instance->courseid]))->out();
        foreach (\core_user::get_name_placeholders($user) as $field => $value) {
            $a->{$field} = $value;
        }
        $text = $this->instance->customtext1;
        if ($text && trim($text) !== '') {
            $text = str_replace(
                ['{$a->coursename}', '{$a->profileurl}', '{$a->fullname}', '{$a->email}', '{$a->firstname}', '{$a->lastname}',
                    '{$a->courserole}'],
                [$a->coursename, $a->profileurl, fullname($user), $user->email, $user->firstname, $user->lastname,
                    $this->courserole],
                $text
            );
            if (strpos($text, '<') === false) {
                $messagetext = $text;
                $messagehtml = text_to_html($messagetext, null, false, true);
            } else {
                $messagehtml = format_text(
                    $text,
                    FORMAT_MOODLE,
                    ['context' => $this->context, 'para' => false, 'newlines' => true, 'filter' => true]
                );
                $messagetext = html_to_text($messagehtml);
            }
        } else {
            $messagetext = get_string('customwelcomemessageplaceholder', 'core_enrol', $a);
            $messagehtml = text_to_html($messagetext, null, false, true);
        }
        $message = new \core\message\message();
        $message->courseid = $this->instance->courseid;
        $message->component = self::COMPONENT;
        $message->name = self::NAME;
        $message->userfrom = $this->contact;
        $message->userto = $user;
        $message->subject = get_string('welcometocourse', 'moodle', $a->coursename);
        $message->fullmessage = $messagetext;
        $message->fullmessageformat = FORMAT_MARKDOWN;
        $message->fullmessagehtml = $messagehtml;
        $message->notification = 1;
        $message->contexturl = $a->profileurl;
        $message->contexturlname = $this->coursefullname;
        return $message;
    }

    /**
     * The processors of message_send() for one recipient: the site's locks and defaults, the
     * user's own preference.
     *
     * @param \stdClass $user
     * @param bool $realuser
     * @return string[]
     */
    protected function processors_for(\stdClass $user, bool $realuser): array {
        $base = self::COMPONENT . '_' . self::NAME;
        $list = [];
        foreach ($this->processors as $processor) {
            if (!$realuser && !$processor->object->can_send_to_any_users()) {
                continue;
            }
            $lockedname = $processor->name . '_provider_' . $base . '_locked';
            if (!isset($this->defaults->{$lockedname})) {
                throw new \coding_exception("Could not load preference $lockedname.");
            }
            $locked = $this->defaults->{$lockedname};
            $preferencename = 'message_provider_' . $base . '_enabled';
            $forced = $locked && isset($this->defaults->{$preferencename})
                && in_array($processor->name, explode(',', $this->defaults->{$preferencename}));
            $configured = $processor->object->is_user_configured($user);
            if ($forced && !$configured) {
                debugging('Attempt to force message delivery to user who has "' . $processor->name .
                    '" output unconfigured', DEBUG_NORMAL);
            }
            if ($forced && $configured) {
                $list[] = $processor->name;
            } else if (!$forced && !$locked && $configured && !$user->emailstop) {
                $preference = get_user_preferences($preferencename, null, $user);
                if ($preference) {
                    if (in_array($processor->name, explode(',', $preference))) {
                        $list[] = $processor->name;
                    }
                } else if (
                    isset($this->defaults->{$preferencename})
                        && in_array($processor->name, explode(',', $this->defaults->{$preferencename}))
                ) {
                    $list[] = $processor->name;
                }
            }
        }
        return $list;
    }
}
