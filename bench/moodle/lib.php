<?php
// In-Moodle benchmark helpers: bootstrap, site state, counters. Every script runs in its own CLI process.
// MOODLE_DIR names the site (bench/moodle/run.sh sets it).

define('CLI_SCRIPT', true);
$moodledir = getenv('MOODLE_DIR') ?: die("MOODLE_DIR is not set\n");
require($moodledir . '/config.php');
require_once($CFG->dirroot . '/local/shop/datahandling/handlers/std_setuponecoursesession/tests/integration/lib.php');
require_once($CFG->dirroot . '/enrol/locallib.php');

const BENCH_COMPONENT = 'shophandlers_std_setuponecoursesession';
/** Tables whose growth must be the same on every side (products: plugin sides only). */
const BENCH_TABLES = ['user', 'context', 'user_enrolments', 'role_assignments', 'groups', 'groups_members'];

\core\session\manager::set_user(get_admin());

/** Row counts of the compared tables. */
function bench_counts(): array {
    global $DB;
    $counts = [];
    foreach (BENCH_TABLES as $table) {
        $counts[$table] = $DB->count_records($table);
    }
    return $counts;
}

/**
 * Statements the server has received so far (all connections: on the private server, only ours).
 * PostgreSQL counts no statements without pg_stat_statements: 0 there.
 */
function bench_server_statements(): int {
    global $DB;
    if ($DB->get_dbfamily() === 'postgres') {
        return 0;
    }
    return (int) $DB->get_field_sql("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'QUESTIONS'");
}

/** $DB's own query count so far. */
function bench_dml_queries(): int {
    global $DB;
    return $DB->perf_get_reads() + $DB->perf_get_writes();
}

/** Writes the standard log's buffer. */
function bench_flush_logs(): void {
    get_log_manager()->dispose();
    get_log_manager(true);
}

/** Runs every ad-hoc task due now, as cron does; returns how many ran. */
function bench_drain_adhoc(): int {
    global $DB;
    $ran = 0;
    while ($DB->record_exists_select('task_adhoc', 'nextruntime <= ?', [time()])) {
        $before = $DB->count_records('task_adhoc');
        ob_start();
        \core\cron::run_adhoc_tasks(time(), 0, false);
        ob_end_clean();
        $ran += max(0, $before - $DB->count_records('task_adhoc'));
        if ($DB->count_records('task_adhoc') >= $before) {
            break; // Failed or rescheduled tasks: do not spin.
        }
    }
    return $ran;
}

function bench_out(array $data): void {
    echo json_encode($data, JSON_UNESCAPED_SLASHES) . "\n";
}
