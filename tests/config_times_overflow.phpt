--TEST--
handler_config(): "now" and "coursestart" are bounded, and no end can wrap around to before the start
--EXTENSIONS--
shopsetup
--FILE--
<?php
use function ShopSetup\handler_config;

function times(array $params, array $context): void {
    try {
        $config = handler_config(['coursename' => 'SPOC1', 'supervisor' => 'teacher'] + $params, $context + ['orderref' => 'SO-1']);
        printf("start %d end %d\n", $config['starttime'], $config['endtime']);
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}

times(['endtime' => '+30D'], ['now' => PHP_INT_MAX]);
times(['endtime' => '+1H'], ['now' => 1700000000, 'coursestart' => PHP_INT_MAX - 100]);
times([], ['now' => PHP_INT_MAX - 86400, 'renewable' => true]);
times(['duration' => '1157407'], ['now' => 1700000000, 'coursestart' => PHP_INT_MAX, 'renewable' => true]);
times([], ['now' => -1]);
times([], ['now' => 1700000000, 'coursestart' => PHP_INT_MIN]);
echo "-- sums past the last supported time\n";
times(['starttime' => '100000000000', 'endtime' => '+1H'], ['now' => 1700000000]);
times(['starttime' => '99999999999', 'duration' => '1157407'], ['now' => 1700000000, 'renewable' => true]);
echo "-- at the bounds\n";
times(['endtime' => '+1H'], ['now' => 99999996400]);
times([], ['now' => 100000000000, 'coursestart' => 100000000000]);
?>
--EXPECT--
ShopSetup\ParamsException: Handler parameter "now": must be a time in epoch seconds from 0 to 100000000000 (got 9223372036854775807)
ShopSetup\ParamsException: Handler parameter "coursestart": must be a time in epoch seconds from 0 to 100000000000 (got 9223372036854775707)
ShopSetup\ParamsException: Handler parameter "now": must be a time in epoch seconds from 0 to 100000000000 (got 9223372036854689407)
ShopSetup\ParamsException: Handler parameter "coursestart": must be a time in epoch seconds from 0 to 100000000000 (got 9223372036854775807)
ShopSetup\ParamsException: Handler parameter "now": must be a time in epoch seconds from 0 to 100000000000 (got -1)
ShopSetup\ParamsException: Handler parameter "coursestart": must be a time in epoch seconds from 0 to 100000000000 (got -9223372036854775808)
-- sums past the last supported time
ShopSetup\ParamsException: Handler parameter "endtime": must be a time in epoch seconds from 0 to 100000000000 (got 100000003600)
ShopSetup\ParamsException: Handler parameter "endtime": must be a time in epoch seconds from 0 to 100000000000 (got 199999964799)
-- at the bounds
start 99999996400 end 100000000000
start 100000000000 end 0
