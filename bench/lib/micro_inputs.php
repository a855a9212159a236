<?php
/* The inputs of the micro-benchmarks (shared by micro.php and micro_count.php). */

/** A realistic handler string: 8 keys, escapes (one multi-byte), a literal '+', a flag. */
function micro_params(): string
{
    return 'coursename=SPOC-M1&supervisor=editingteacher&requiredroles=teacher%2Csupervisor&endtime=+30D'
        . '&mirrorrole=student&groupname=Session%20%7Borderref%7D%20%E2%80%93%20%7Bcourse%7D&customersupport=SUPPORT'
        . '&autoenrolsupervisor';
}

/**
 * The roster of 10,000 participants of the executor benchmark, plus 200 learners who are also
 * tutors and 100 learners typed twice (another case, spaces): [buckets, seats, bucket roles, facts].
 */
function micro_roster_input(): array
{
    $n = 10000;
    $buckets = bench_buckets($n);
    $learners = array_keys($buckets['student']);
    for ($k = 0; $k < 200; $k++) {
        $email = $learners[$k * 37];
        $buckets['teacher'][$email] = $buckets['student'][$email];
    }
    for ($k = 0; $k < 100; $k++) {
        $email = $learners[$k * 41 + 5];
        $twice = $buckets['student'][$email];
        $twice['email'] = ' ' . ucfirst($twice['email']) . ' ';
        $buckets['student'][ucfirst($email) . '#'] = $twice;
    }
    return [$buckets, $n + 200, bench_bucket_roles(), bench_facts($n)];
}
