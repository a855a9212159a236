--TEST--
handler_config(): enrolment start and end (absolute, relative +ND/+NH from the start, renewable duration, no end)
--EXTENSIONS--
shopsetup
--FILE--
<?php
use function ShopSetup\handler_config;

const NOW = 1700000000;

function times(array $params, array $context = []): void {
    $config = handler_config(['coursename' => 'SPOC1', 'supervisor' => 'teacher'] + $params, $context + ['now' => NOW, 'orderref' => 'SO-1']);
    printf("start %d end %d duration %s warnings %s\n", $config['starttime'], $config['endtime'],
        var_export($config['duration'], true), json_encode($config['warnings']));
}

echo "-- absolute end\n";
times(['endtime' => '1710000000']);
echo "-- relative ends count from the start\n";
times(['endtime' => '+30D']);                                           // 1700000000 + 30 * 86400
times(['endtime' => '+12H']);                                           // 1700000000 + 12 * 3600
times(['endtime' => ' +30d ']);                                         // lower case unit, trimmed
times(['endtime' => '+2D', 'starttime' => '1800000000']);               // from the given start
times(['endtime' => '+1D'], ['coursestart' => 1750000000]);             // from the course start
times(['endtime' => '+1H'], ['coursestart' => 1600000000]);             // course already started: from now
echo "-- renewable products\n";
times([], ['renewable' => true]);                                       // 365 days
times(['duration' => '10'], ['renewable' => true]);                     // 10 days
times(['duration' => ' 10 ', 'starttime' => '1800000000'], ['renewable' => 1]);
times(['endtime' => '+30D', 'duration' => '10'], ['renewable' => true]); // endtime wins
times(['endtime' => '0'], ['renewable' => true]);                       // explicit: no end
times(['endtime' => ''], ['renewable' => true]);                        // empty: as if absent
echo "-- not renewable: no end unless endtime says so\n";
times([]);
times(['duration' => '10']);
times(['duration' => '10'], ['renewable' => false]);
times(['duration' => '10'], ['renewable' => 0]);
times(['endtime' => '+7D', 'duration' => '10']);
?>
--EXPECT--
-- absolute end
start 1700000000 end 1710000000 duration NULL warnings []
-- relative ends count from the start
start 1700000000 end 1702592000 duration NULL warnings []
start 1700000000 end 1700043200 duration NULL warnings []
start 1700000000 end 1702592000 duration NULL warnings []
start 1800000000 end 1800172800 duration NULL warnings []
start 1750000000 end 1750086400 duration NULL warnings []
start 1700000000 end 1700003600 duration NULL warnings []
-- renewable products
start 1700000000 end 1731536000 duration NULL warnings []
start 1700000000 end 1700864000 duration 10 warnings []
start 1800000000 end 1800864000 duration 10 warnings []
start 1700000000 end 1702592000 duration 10 warnings ["duration is ignored: endtime is given"]
start 1700000000 end 0 duration NULL warnings []
start 1700000000 end 1731536000 duration NULL warnings []
-- not renewable: no end unless endtime says so
start 1700000000 end 0 duration NULL warnings []
start 1700000000 end 0 duration 10 warnings ["duration is ignored: the product is not renewable"]
start 1700000000 end 0 duration 10 warnings ["duration is ignored: the product is not renewable"]
start 1700000000 end 0 duration 10 warnings ["duration is ignored: the product is not renewable"]
start 1700000000 end 1700604800 duration 10 warnings ["duration is ignored: endtime is given"]
