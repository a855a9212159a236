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

namespace shophandlers_std_setuponecoursesession\privacy;

use core_privacy\local\metadata\collection;
use core_privacy\local\metadata\provider as metadata_provider;
use core_privacy\local\request\approved_contextlist;
use core_privacy\local\request\approved_userlist;
use core_privacy\local\request\contextlist;
use core_privacy\local\request\core_userlist_provider;
use core_privacy\local\request\plugin\provider as plugin_provider;
use core_privacy\local\request\transform;
use core_privacy\local\request\user_preference_provider;
use core_privacy\local\request\userlist;
use core_privacy\local\request\writer;
use shophandlers_std_setuponecoursesession\seats\access;

/**
 * The handler records each participant's user id in local_shop_product.productiondata.
 *
 * Export gives the participant their seats; deletion removes the user id from the seat's
 * production data (the product stays, for the shop's accounting).
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class provider implements core_userlist_provider, metadata_provider, plugin_provider, user_preference_provider {
    /** The productiondata fragment that carries the participant. */
    const HANDLER_MARK = 'handler=std_setuponecoursesession';

    /**
     * Describes the stored personal data.
     *
     * @param collection $collection
     * @return collection
     */
    public static function get_metadata(collection $collection): collection {
        $collection->add_database_table('local_shop_product', [
            'productiondata' => 'privacy:metadata:local_shop_product:productiondata',
            'instanceid' => 'privacy:metadata:local_shop_product:instanceid',
            'startdate' => 'privacy:metadata:local_shop_product:startdate',
            'enddate' => 'privacy:metadata:local_shop_product:enddate',
            'reference' => 'privacy:metadata:local_shop_product:reference',
        ], 'privacy:metadata:local_shop_product');
        $collection->add_database_table(\shophandlers_std_setuponecoursesession\outbox::TABLE, [
            'userid' => 'privacy:metadata:shophandlers_setup_outbox:userid',
            'kind' => 'privacy:metadata:shophandlers_setup_outbox:kind',
            'timecreated' => 'privacy:metadata:shophandlers_setup_outbox:timecreated',
        ], 'privacy:metadata:shophandlers_setup_outbox');
        $collection->add_user_preference(access::SENT_PREFERENCE, 'privacy:metadata:preference:accessresent');
        $collection->add_user_preference(access::ASKED_PREFERENCE, 'privacy:metadata:preference:accessresends');
        return $collection;
    }

    /**
     * Exports the user's preferences of the plugin: when access was last re-sent to them, and when
     * they re-sent access to others in the last hour.
     *
     * @param int $userid
     */
    public static function export_user_preferences(int $userid) {
        $sent = get_user_preferences(access::SENT_PREFERENCE, null, $userid);
        if ($sent !== null) {
            writer::export_user_preference(
                'shophandlers_std_setuponecoursesession',
                access::SENT_PREFERENCE,
                transform::datetime((int) $sent),
                get_string(
                    'privacy:metadata:preference:accessresent',
                    'shophandlers_std_setuponecoursesession'
                )
            );
        }
        $asked = get_user_preferences(access::ASKED_PREFERENCE, null, $userid);
        if ($asked !== null) {
            writer::export_user_preference(
                'shophandlers_std_setuponecoursesession',
                access::ASKED_PREFERENCE,
                implode(', ', array_map(fn($t) => transform::datetime((int) $t), explode(',', $asked))),
                get_string('privacy:metadata:preference:accessresends', 'shophandlers_std_setuponecoursesession')
            );
        }
    }

    /**
     * The products of a user: their production data holds "userid=<id>&".
     *
     * @param int $userid
     * @return array [sql, params]
     */
    protected static function products_sql(int $userid): array {
        global $DB;
        return [
            $DB->sql_like('productiondata', ':handler') . ' AND ' . $DB->sql_like('productiondata', ':user'),
            ['handler' => '%' . self::HANDLER_MARK . '%', 'user' => '%&userid=' . $userid . '&%'],
        ];
    }

    /**
     * The user's own context, when the user holds seats.
     *
     * @param int $userid
     * @return contextlist
     */
    public static function get_contexts_for_userid(int $userid): contextlist {
        global $DB;
        $contextlist = new contextlist();
        [$where, $params] = self::products_sql($userid);
        if ($DB->record_exists_select('local_shop_product', $where, $params)) {
            $contextlist->add_user_context($userid);
        }
        return $contextlist;
    }

    /**
     * Users of a user context who hold seats.
     *
     * @param userlist $userlist
     */
    public static function get_users_in_context(userlist $userlist) {
        global $DB;
        $context = $userlist->get_context();
        if ($context->contextlevel != CONTEXT_USER) {
            return;
        }
        [$where, $params] = self::products_sql($context->instanceid);
        if ($DB->record_exists_select('local_shop_product', $where, $params)) {
            $userlist->add_user($context->instanceid);
        }
    }

    /**
     * Exports the user's seats.
     *
     * @param approved_contextlist $contextlist
     */
    public static function export_user_data(approved_contextlist $contextlist) {
        global $DB;
        $userid = $contextlist->get_user()->id;
        foreach ($contextlist->get_contexts() as $context) {
            if ($context->contextlevel != CONTEXT_USER || $context->instanceid != $userid) {
                continue;
            }
            [$where, $params] = self::products_sql($userid);
            $seats = [];
            foreach ($DB->get_records_select('local_shop_product', $where, $params, 'id') as $product) {
                $seats[] = (object) [
                    'reference' => $product->reference,
                    'startdate' => transform::datetime($product->startdate),
                    'enddate' => $product->enddate ? transform::datetime($product->enddate) : '-',
                    'productiondata' => $product->productiondata,
                ];
            }
            writer::with_context($context)->export_data(
                [get_string('pluginname', 'shophandlers_std_setuponecoursesession')],
                (object) ['seats' => $seats]
            );
        }
    }

    /**
     * Deletes the seats' link to every user of a user context.
     *
     * @param \context $context
     */
    public static function delete_data_for_all_users_in_context(\context $context) {
        if ($context->contextlevel == CONTEXT_USER) {
            self::forget_user($context->instanceid);
        }
    }

    /**
     * Deletes the seats' link to the user.
     *
     * @param approved_contextlist $contextlist
     */
    public static function delete_data_for_user(approved_contextlist $contextlist) {
        $userid = $contextlist->get_user()->id;
        foreach ($contextlist->get_contexts() as $context) {
            if ($context->contextlevel == CONTEXT_USER && $context->instanceid == $userid) {
                self::forget_user($userid);
            }
        }
    }

    /**
     * Deletes the seats' link to the users of a user context.
     *
     * @param approved_userlist $userlist
     */
    public static function delete_data_for_users(approved_userlist $userlist) {
        $context = $userlist->get_context();
        if ($context->contextlevel == CONTEXT_USER && in_array($context->instanceid, $userlist->get_userids())) {
            self::forget_user($context->instanceid);
        }
    }

    /**
     * Replaces the user id in the user's seats by 0.
     *
     * @param int $userid
     */
    protected static function forget_user(int $userid) {
        global $DB;
        [$where, $params] = self::products_sql($userid);
        foreach ($DB->get_records_select('local_shop_product', $where, $params, 'id', 'id, productiondata') as $product) {
            $data = str_replace('&userid=' . $userid . '&', '&userid=0&', $product->productiondata);
            $DB->set_field('local_shop_product', 'productiondata', $data, ['id' => $product->id]);
        }
        // Effects not delivered yet lose their participant: nothing is sent to a forgotten user.
        $DB->delete_records(\shophandlers_std_setuponecoursesession\outbox::TABLE, ['userid' => $userid]);
    }
}
