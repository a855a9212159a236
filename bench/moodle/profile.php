<?php
// Aggregates an Excimer log (1 ms wall-clock samples) by component: each sample goes to the first component of
// the list below that names any frame of its stack, else "other". The order is a priority: the welcome message's
// notification and log writes count as the welcome message, the observers' DML as the observers, what the
// plugin's effects call (events, caches) as those callees, the rest of the effects as the effects.

/** Components by priority: [name, test on "class::function"]. */
function bench_components(): array {
    $prefix = fn(string ...$p) => function (string $f) use ($p) {
        foreach ($p as $x) {
            if (strncmp($f, $x, strlen($x)) === 0) {
                return true;
            }
        }
        return false;
    };
    return [
        ['welcome message (enrol_manual after_user_enrolled)', fn($f) => str_contains($f, 'welcome_message')],
        ['mod_quiz observers', $prefix('mod_quiz\\', 'quiz_')],
        ['mod_forum observers', $prefix('mod_forum', 'forum_')],
        ['mark_user_dirty / set_cache_flag', $prefix('mark_user_dirty', 'set_cache_flag', 'unset_cache_flag')],
        ['log store (logstore_standard)', $prefix('logstore_', 'tool_log\\')],
        ['messaging (other)', $prefix('message_send', 'core\\message\\')],
        ['other observers, event dispatch', $prefix('core\\event\\manager::')],
        ['event objects (create, validate, trigger)', $prefix('core\\event\\')],
        ['outbox delivery, own work (batch reads, claims, deletes)', $prefix('shophandlers_std_setuponecoursesession\\outbox')],
        ['ad-hoc tasks (drain)', $prefix('core\\cron::', 'core\\task\\')],
        // Excimer records PHP frames only: the C store's time is that of its caller, site_store::run.
        ['native store (site_store::run: the C MysqlConnection)', $prefix('shophandlers_std_setuponecoursesession\\site_store')],
        ['dml store', $prefix('shophandlers_std_setuponecoursesession\\dml_store')],
        ['privileged accounts (plugin)', $prefix('shophandlers_std_setuponecoursesession\\privileged_accounts')],
        ['contexts (context_user::instance)', $prefix('core\\context')],
        ['API: user_create_user', $prefix('user_create_user', 'set_user_preference')],
        ['API: enrol_user', $prefix('enrol_plugin::enrol_user', 'enrol_manual_plugin::enrol_user')],
        ['API: role_assign', $prefix('role_assign')],
        ['API: groups_add_member / create_group', $prefix('groups_add_member', 'groups_create_group')],
        ['standard log buffer flush', $prefix('bench_flush_logs')],
        ['plugin, other (resolve, report, feedback)', $prefix('shophandlers_std_setuponecoursesession\\',
            'shop_handler_std_setuponecoursesession')],
        ['local_shop (bill, production)', $prefix('local_shop\\', 'produce_', 'shop_')],
    ];
}

function bench_profile(ExcimerLog $log): array {
    $components = bench_components();
    $shares = [];
    $total = 0;
    foreach ($log as $entry) {
        $n = $entry->getEventCount();
        $total += $n;
        $frames = [];
        foreach ($entry->getTrace() as $frame) {
            $frames[] = isset($frame['class']) ? $frame['class'] . '::' . ($frame['function'] ?? '') : ($frame['function'] ?? '');
        }
        $name = 'other';
        foreach ($components as [$component, $test]) {
            foreach ($frames as $f) {
                if ($f !== '' && $test($f)) {
                    $name = $component;
                    break 2;
                }
            }
        }
        if (getenv('BENCH_PROFILE_DEBUG') && str_starts_with($name, getenv('BENCH_PROFILE_DEBUG'))) {
            fwrite(STDERR, implode(' < ', array_slice($frames, 0, 6)) . "\n");
        }
        $shares[$name] = ($shares[$name] ?? 0) + $n;
    }
    arsort($shares);
    return ['samples' => $total, 'ms' => $total, 'components' => $shares];
}
