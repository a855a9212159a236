--TEST--
MysqlConnection::run(): a memory-limit error while the run report is built rolls the setup back; with enough memory it then succeeds
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_skip();
if (!function_exists('proc_open')) die('skip proc_open() is not available');
?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';
// The child builds a plan of $n participants, then lowers memory_limit to what it uses plus
// $extra bytes and runs it: the limit is hit somewhere in the run or in its report.
$child = <<<'PHP'
<?php
require $argv[1] . '/fixtures/db_checks.inc';
[, , $n, $extra, $database] = $argv;
$buckets = ['student' => []];
for ($i = 0; $i < $n; $i++) {
    $buckets['student']["learner$i@example.com"] = shopsetup_test_person("First$i", "Last$i", "learner$i@example.com");
}
$conn = new ShopSetup\MysqlConnection(shopsetup_test_db_env() + ['database' => $database, 'prefix' => 'mdl_']);
$plan = new ShopSetup\Plan($buckets, (int) $n, ['student' => 5], shopsetup_test_facts());
unset($buckets);
echo "planned\n";
if ($extra >= 0) {
    ini_set('memory_limit', (string) (memory_get_usage(true) + (int) $extra));
}
$report = $plan->run($conn);
echo "report: ", count($report['users']['created']), " created\n";
PHP;
$script = sys_get_temp_dir() . '/shopsetup_memory_limit_' . getmypid() . '.php';
file_put_contents($script, $child);
$run = function (string $database, int $extra) use ($script): string {
    $proc = proc_open(shopsetup_test_php_command($script, __DIR__, '3000', (string) $extra, $database), [['pipe', 'r'], ['pipe', 'w'], ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
    proc_close($proc);
    return $out;
};

$stopped = 0;
$rerun = null;
$consistent = true;
for ($k = 0; $k < 16; $k++) {
    $db = shopsetup_test_db('memory_limit');
    $out = $run('shopsetup_memory_limit', $k * 512 * 1024);
    $committed = shopsetup_test_int($db['mysqli'], "SELECT COUNT(*) FROM mdl_user WHERE email LIKE 'learner%'")
        + shopsetup_test_int($db['mysqli'], 'SELECT COUNT(*) FROM mdl_local_shop_product');
    $reported = str_contains($out, 'report: 3000 created');
    if ($reported ? $committed !== 6000 : ($committed !== 0 || !str_contains($out, 'Allowed memory size'))) {
        $consistent = false;
        echo "limit +", $k * 512, " KiB: ", $reported ? 'report' : 'no report', ", $committed rows committed: ", trim($out), "\n";
    }
    if ($reported) {
        break;
    }
    if ($stopped++ === 0) {
        $rerun = trim(substr($run('shopsetup_memory_limit', -1), strlen("planned\n")));
    }
    $db['mysqli']->close();
}
// Under valgrind (USE_ZEND_ALLOC=0) memory_limit is not enforced: the first run succeeds.
$unlimited = getenv('USE_ZEND_ALLOC') === '0';
echo 'a tight limit stopped a run: ', $stopped > 0 || $unlimited ? 'yes' : 'no', "\n";
echo 'the same setup without the limit after a failure: ', $rerun ?? ($unlimited ? 'report: 3000 created' : 'not run'), "\n";
echo 'every run either reported and committed everything, or committed nothing: ', $consistent ? 'yes' : 'no', "\n";
unlink($script);
shopsetup_test_db_drop('memory_limit');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_drop('memory_limit');
?>
--EXPECT--
a tight limit stopped a run: yes
the same setup without the limit after a failure: report: 3000 created
every run either reported and committed everything, or committed nothing: yes
