--TEST--
handler_config(): bad values and a missing coursename are clear ParamsExceptions; bad arguments are TypeError/ValueError
--EXTENSIONS--
shopsetup
--FILE--
<?php
use function ShopSetup\handler_config;

function attempt(array $params, array $context = ['now' => 1700000000, 'orderref' => 'SO-1']): void {
    try {
        $config = handler_config($params, $context);
        echo 'accepted: start ', $config['starttime'], ' end ', $config['endtime'], ' group of ', strlen($config['groupname']), " bytes\n";
    } catch (ShopSetup\ParamsException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    } catch (TypeError | ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$base = ['coursename' => 'SPOC1', 'supervisor' => 'teacher'];

echo "-- coursename\n";
attempt(['supervisor' => 'teacher']);
attempt(['coursename' => " \t "] + $base);
attempt(['coursename' => ''] + $base);

echo "-- starttime\n";
attempt($base + ['starttime' => 'tomorrow']);
attempt($base + ['starttime' => '-5']);
attempt($base + ['starttime' => '1e9']);
attempt($base + ['starttime' => '1234567890123']);   // 13 digits: beyond any real date

echo "-- endtime\n";
attempt($base + ['endtime' => 'never']);
attempt($base + ['endtime' => '1600000000']);                                  // before the start
attempt($base + ['endtime' => '1700000000']);                                  // equal to the start
attempt($base + ['endtime' => '1800000000', 'starttime' => '1900000000']);    // before the given start
attempt($base + ['endtime' => '30D']);
attempt($base + ['endtime' => '+0D']);
attempt($base + ['endtime' => '+30W']);
attempt($base + ['endtime' => '+D']);
attempt($base + ['endtime' => '+-3D']);
attempt($base + ['endtime' => '+3.5D']);
attempt($base + ['endtime' => '+30 D']);
attempt($base + ['endtime' => str_repeat('9', 100)]);                          // the message quotes 64 bytes

echo "-- duration\n";
attempt($base + ['duration' => '-5'], ['now' => 1700000000, 'orderref' => 'SO-1', 'renewable' => true]);
attempt($base + ['duration' => '0'], ['now' => 1700000000, 'orderref' => 'SO-1', 'renewable' => true]);
attempt($base + ['duration' => 'ten']);
attempt($base + ['duration' => '-1']);                                         // checked even when not renewable

echo "-- autoenrolsupervisor\n";
attempt($base + ['autoenrolsupervisor' => 'maybe']);

echo "-- groupname\n";
attempt($base + ['groupname' => '{x}']);
attempt($base + ['groupname' => 'Group {orderref']);
attempt($base + ['groupname' => '{course}']);                                  // no courseshortname in the context
attempt($base, ['now' => 1700000000]);                                         // default {orderref}, no orderref
attempt($base + ['groupname' => str_repeat('é', 254)]);
attempt($base + ['groupname' => str_repeat('é', 255)]);
attempt($base + ['groupname' => "A\x01B"]);
attempt($base + ['groupname' => '{orderref}'], ['now' => 1700000000, 'orderref' => "SO\xFF"]);
attempt($base + ['groupname' => str_repeat('a', 63) . "\u{E9}" . str_repeat('b', 300)]); // quoted up to the character cut at byte 64
attempt($base + ['starttime' => "12\xFF"]);                                    // bytes that are not UTF-8 are escaped in the message

echo "-- values must be strings (or ints)\n";
attempt($base + ['requiredroles' => ['teacher']]);
attempt($base + ['starttime' => 1.5]);
attempt($base + ['endtime' => null]);
attempt($base + ['autoenrolsupervisor' => true]);

echo "-- context\n";
attempt($base, []);
attempt($base, ['now' => '1700000000']);
attempt($base, ['now' => 1700000000, 'coursestart' => 1.5]);
attempt($base, ['now' => 1700000000, 'orderref' => 42]);
attempt($base, ['now' => 1700000000, 'orderref' => 'SO-1', 'courseshortname' => ['x']]);

echo "-- arguments\n";
try {
    handler_config('coursename=SPOC1', ['now' => 1]);
} catch (TypeError $e) {
    echo $e->getMessage(), "\n";
}
try {
    handler_config(['coursename' => 'SPOC1']);
} catch (ArgumentCountError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
-- coursename
ShopSetup\ParamsException: Handler parameter "coursename": is required: the shortname of the course to set up
ShopSetup\ParamsException: Handler parameter "coursename": is required: the shortname of the course to set up
ShopSetup\ParamsException: Handler parameter "coursename": is required: the shortname of the course to set up
-- starttime
ShopSetup\ParamsException: Handler parameter "starttime": must be a time in epoch seconds (got "tomorrow")
ShopSetup\ParamsException: Handler parameter "starttime": must be a time in epoch seconds (got "-5")
ShopSetup\ParamsException: Handler parameter "starttime": must be a time in epoch seconds (got "1e9")
ShopSetup\ParamsException: Handler parameter "starttime": must be a time in epoch seconds (got "1234567890123")
-- endtime
ShopSetup\ParamsException: Handler parameter "endtime": must be a time in epoch seconds, +<days>D or +<hours>H (got "never")
ShopSetup\ParamsException: Handler parameter "endtime": ends at 1600000000, not after the start at 1700000000 (got "1600000000")
ShopSetup\ParamsException: Handler parameter "endtime": ends at 1700000000, not after the start at 1700000000 (got "1700000000")
ShopSetup\ParamsException: Handler parameter "endtime": ends at 1800000000, not after the start at 1900000000 (got "1800000000")
ShopSetup\ParamsException: Handler parameter "endtime": must be a time in epoch seconds, +<days>D or +<hours>H (got "30D")
ShopSetup\ParamsException: Handler parameter "endtime": a relative end must read +<days>D or +<hours>H (got "+0D")
ShopSetup\ParamsException: Handler parameter "endtime": a relative end must read +<days>D or +<hours>H (got "+30W")
ShopSetup\ParamsException: Handler parameter "endtime": a relative end must read +<days>D or +<hours>H (got "+D")
ShopSetup\ParamsException: Handler parameter "endtime": a relative end must read +<days>D or +<hours>H (got "+-3D")
ShopSetup\ParamsException: Handler parameter "endtime": a relative end must read +<days>D or +<hours>H (got "+3.5D")
ShopSetup\ParamsException: Handler parameter "endtime": a relative end must read +<days>D or +<hours>H (got "+30 D")
ShopSetup\ParamsException: Handler parameter "endtime": must be a time in epoch seconds, +<days>D or +<hours>H (got "9999999999999999999999999999999999999999999999999999999999999999")
-- duration
ShopSetup\ParamsException: Handler parameter "duration": must not be negative (got "-5")
ShopSetup\ParamsException: Handler parameter "duration": must be a positive number of days (got "0")
ShopSetup\ParamsException: Handler parameter "duration": must be a positive number of days (got "ten")
ShopSetup\ParamsException: Handler parameter "duration": must not be negative (got "-1")
-- autoenrolsupervisor
ShopSetup\ParamsException: Handler parameter "autoenrolsupervisor": must be 1/yes/true/on or 0/no/false/off (got "maybe")
-- groupname
ShopSetup\ParamsException: Handler parameter "groupname": knows only the placeholders {orderref} and {course} (got "{x}")
ShopSetup\ParamsException: Handler parameter "groupname": knows only the placeholders {orderref} and {course} (got "Group {orderref")
ShopSetup\ParamsException: Handler parameter "groupname": uses a placeholder whose value is unknown here (got "{course}")
ShopSetup\ParamsException: Handler parameter "groupname": uses a placeholder whose value is unknown here (got "{orderref}")
accepted: start 1700000000 end 0 group of 508 bytes
ShopSetup\ParamsException: Handler parameter "groupname": must expand to 1 to 254 characters of valid UTF-8 without control characters (got "éééééééééééééééééééééééééééééééé")
ShopSetup\ParamsException: Handler parameter "groupname": must expand to 1 to 254 characters of valid UTF-8 without control characters (got "A\x01B")
ShopSetup\ParamsException: Handler parameter "groupname": must expand to 1 to 254 characters of valid UTF-8 without control characters (got "{orderref}")
ShopSetup\ParamsException: Handler parameter "groupname": must expand to 1 to 254 characters of valid UTF-8 without control characters (got "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
ShopSetup\ParamsException: Handler parameter "starttime": must be a time in epoch seconds (got "12\xFF")
-- values must be strings (or ints)
ShopSetup\ParamsException: Handler parameter "requiredroles": must be a string, array given
ShopSetup\ParamsException: Handler parameter "starttime": must be a string, float given
ShopSetup\ParamsException: Handler parameter "endtime": must be a string, null given
ShopSetup\ParamsException: Handler parameter "autoenrolsupervisor": must be a string, bool given
-- context
ValueError: ShopSetup\handler_config(): Argument #2 ($context) must contain key "now"
TypeError: ShopSetup\handler_config(): Argument #2 ($context) key "now" must be of type int, string given
TypeError: ShopSetup\handler_config(): Argument #2 ($context) key "coursestart" must be of type int, float given
TypeError: ShopSetup\handler_config(): Argument #2 ($context) key "orderref" must be of type string, int given
TypeError: ShopSetup\handler_config(): Argument #2 ($context) key "courseshortname" must be of type string, array given
-- arguments
ShopSetup\handler_config(): Argument #1 ($params) must be of type array, string given
ShopSetup\handler_config() expects exactly 2 arguments, 1 given
