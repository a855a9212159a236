/*
 * Email validation lexer (re2c): the addresses Moodle 4.5's validate_email() accepts.
 *
 * Moodle accepts an address when PHPMailer::validateAddress() does (no CR or LF, then PHP's
 * filter_var(FILTER_VALIDATE_EMAIL) without FILTER_FLAG_EMAIL_UNICODE) and it has no < or >.
 * PHP checks the length (<= 320 bytes) and then matches one PCRE (ext/filter/logical_filters.c,
 * "regexp1", flags /iD). The regular part of that regex is the DFA below; its lookaheads are:
 *
 *   (?!unit{255,})    at the start: the whole string is fewer than 255 "units"
 *   (?!unit{65,}@)    at the start: no '@' right after 65 or more units
 *   (?!.*[^.]{64,})   after the '@' of a host name: every label is shorter than 64 bytes
 *   (?!(?:.*[a-f0-9][:\]]){7,}) and (?!(?:.*[a-f0-9]:){5,}) in compressed IPv6 literals
 *
 * where unit = "? ( \ [\x00-\x7E] | [^\"] ) "?. The first three are checked in C after the DFA
 * matched; the IPv6 ones only bound the number of 16-bit groups, so the DFA spells them out.
 *
 * One difference is left on purpose: PHP also says no when PCRE gives up (pcre.backtrack_limit).
 * The unit lookaheads try every way to hand a quote between two words to either, so about eight
 * quoted words ("a"."b"."c"...) exhaust the default limit, at a count that depends on pcre.jit and
 * the ini value. This lexer answers what the regex means.
 */
#include "shopsetup_text.h"

#include <string.h>

/* PHP's FILTER_VALIDATE_EMAIL rejects longer strings before running its regex. */
#define SHOPSETUP_EMAIL_MAX_BYTES 320
#define SHOPSETUP_EMAIL_MAX_UNITS 254
#define SHOPSETUP_EMAIL_MAX_LOCAL_UNITS 64
#define SHOPSETUP_EMAIL_MAX_LABEL 63

/*!re2c
	re2c:define:YYCTYPE = "unsigned char";
	re2c:flags:input = custom;
	re2c:api:style = free-form;
	re2c:define:YYPEEK = "(YYCURSOR < YYLIMIT ? *YYCURSOR : 0)";
	re2c:define:YYSKIP = "++YYCURSOR;";
	re2c:define:YYBACKUP = "YYMARKER = YYCURSOR;";
	re2c:define:YYRESTORE = "YYCURSOR = YYMARKER;";
	re2c:define:YYLESSTHAN = "YYCURSOR >= YYLIMIT";
	re2c:yyfill:enable = 0;
	re2c:eof = 0;

	// Local part. atext is PHP's class plus A-Z (the /i flag). Quoted text and quoted pairs
	// leave out < > and CR LF, which Moodle and PHPMailer reject anywhere in the address.
	atext = [\x21\x23-\x27\x2A\x2B\x2D\x2F-\x39\x3D\x3F\x41-\x5A\x5E-\x7E];
	qtext = [\x01-\x08\x0B\x0C\x0E-\x1F\x21\x23-\x3B\x3D\x3F-\x5B\x5D-\x7F];
	qpair = "\\" ([\x00-\x7F] \ [\n\r<>]);
	word  = atext+ | ["] (qtext | qpair)* ["];
	local = word ("." word)*;

	// Host name: labels of letters, digits and inner hyphens, the last one starting with a
	// letter ("xn--" labels need no rule of their own: they already have this shape).
	alnum = [a-zA-Z0-9];
	label = alnum+ ("-"+ alnum+)*;
	host  = (label ".")+ [a-zA-Z] alnum* ("-"+ alnum+)*;

	// Address literals: [IPv4], [IPv6:8 groups], [IPv6:a::b] with at most 6 groups in all,
	// [IPv6:6 groups:IPv4] and [IPv6:a::b:IPv4] with at most 4 groups in all.
	dec  = "25" [0-5] | "2" [0-4] [0-9] | "1" [0-9] [0-9] | [1-9]? [0-9];
	ipv4 = dec ("." dec){3};
	h16  = [0-9a-fA-F]{1,4};
	v6comp = "::" (h16 (":" h16){0,5})?
		| h16 "::" (h16 (":" h16){0,4})?
		| h16 (":" h16){1} "::" (h16 (":" h16){0,3})?
		| h16 (":" h16){2} "::" (h16 (":" h16){0,2})?
		| h16 (":" h16){3} "::" (h16 (":" h16){0,1})?
		| h16 (":" h16){4} "::" h16?
		| h16 (":" h16){5} "::";
	v4comp = "::" (h16 ":"){0,4}
		| h16 "::" (h16 ":"){0,3}
		| h16 (":" h16){1} "::" (h16 ":"){0,2}
		| h16 (":" h16){2} "::" (h16 ":"){0,1}
		| h16 (":" h16){3} "::";
	v6tag   = 'IPv6:';
	literal = "[" (v6tag (h16 (":" h16){7} | v6comp) | (v6tag ((h16 ":"){6} | v4comp))? ipv4) "]";
*/

/*
 * Counts units from the start like PCRE would match unit{n,}: a backslash must start a quoted
 * pair, at most one quote may lead and one trail each core, and the count stops where no
 * further unit fits. A quote between two cores may trail one or lead the other; either way the
 * units end right after a core or after one more quote, which is where '@' is looked for.
 */
static bool shopsetup_email_units_ok(const unsigned char *s, size_t len)
{
	size_t pos = 0, units = 0;

	/* Without quotes or backslashes every byte is a unit and the only '@' ends the local part. */
	if (memchr(s, '"', len) == NULL && memchr(s, '\\', len) == NULL) {
		const unsigned char *at = memchr(s, '@', len);
		return len <= SHOPSETUP_EMAIL_MAX_UNITS && (at == NULL || (size_t) (at - s) <= SHOPSETUP_EMAIL_MAX_LOCAL_UNITS);
	}

	for (;;) {
		if (pos < len && s[pos] == '"') {
			pos++;
		}
		if (pos >= len || s[pos] == '"') {
			return true;
		}
		if (s[pos] == '\\') {
			if (pos + 1 >= len || s[pos + 1] > 0x7E) {
				return true;
			}
			pos += 2;
		} else {
			pos++;
		}
		if (++units > SHOPSETUP_EMAIL_MAX_UNITS) {
			return false;
		}
		if (units > SHOPSETUP_EMAIL_MAX_LOCAL_UNITS && pos < len
			&& (s[pos] == '@' || (s[pos] == '"' && pos + 1 < len && s[pos + 1] == '@'))) {
			return false;
		}
		if (pos < len && s[pos] == '"') {
			pos++;
		}
	}
}

/* Host name labels: no run of 64 or more bytes other than '.'. */
static bool shopsetup_email_labels_ok(const unsigned char *domain, const unsigned char *end)
{
	size_t run = 0;

	for (; domain < end; domain++) {
		run = *domain == '.' ? 0 : run + 1;
		if (run > SHOPSETUP_EMAIL_MAX_LABEL) {
			return false;
		}
	}
	return true;
}

bool shopsetup_email_is_valid(const char *s, size_t len)
{
	const unsigned char *start = (const unsigned char *) s;
	const unsigned char *YYCURSOR = start, *YYLIMIT = start + len, *YYMARKER = NULL;
	const unsigned char *domain;

	if (len > SHOPSETUP_EMAIL_MAX_BYTES) {
		return false;
	}
	/*!re2c
	local "@" host {
		if (YYCURSOR != YYLIMIT) {
			return false;
		}
		/* The host has no '@': it starts after the last one. */
		for (domain = YYLIMIT; domain[-1] != '@'; domain--) {
		}
		return shopsetup_email_labels_ok(domain, YYLIMIT) && shopsetup_email_units_ok(start, len);
	}
	local "@" literal {
		return YYCURSOR == YYLIMIT && shopsetup_email_units_ok(start, len);
	}
	* { return false; }
	$ { return false; }
	*/
}

size_t shopsetup_email_normalize(const char *s, size_t len, char *out)
{
	shopsetup_slice t = shopsetup_trim((shopsetup_slice){ s, len });
	for (size_t i = 0; i < t.len; i++) {
		out[i] = shopsetup_ascii_lower(t.ptr[i]);
	}
	return t.len;
}
