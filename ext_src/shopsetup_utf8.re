/* UTF-8 scanner (re2c): well-formedness per RFC 3629, code point count, control characters. */
#include "shopsetup_text.h"

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

	cont    = [\x80-\xBF];
	ascii   = [\x01-\x08\x0A-\x1E\x20-\x7E] | "\x1F";
	control = [\x00-\x08\x0A-\x1F\x7F] | "\xC2" [\x80-\x9F];
	utf8_2  = [\xC2-\xDF] cont;
	utf8_3  = "\xE0" [\xA0-\xBF] cont | [\xE1-\xEC\xEE\xEF] cont cont | "\xED" [\x80-\x9F] cont;
	utf8_4  = "\xF0" [\x90-\xBF] cont cont | [\xF1-\xF3] cont cont cont | "\xF4" [\x80-\x8F] cont cont;
*/

void shopsetup_utf8_scan(const char *s, size_t len, shopsetup_utf8_info *info)
{
	const unsigned char *start = (const unsigned char *) s;
	const unsigned char *YYCURSOR = start;
	const unsigned char *YYLIMIT = start + len;
	const unsigned char *YYMARKER = NULL;
	const unsigned char *token;

	info->valid = true;
	info->invalid_offset = 0;
	info->chars = 0;
	info->has_control = false;
	info->control_offset = 0;
	/* Printable ASCII needs no automaton: count it, and start the scanner where it ends. */
	while (YYCURSOR < YYLIMIT && *YYCURSOR >= 0x20 && *YYCURSOR < 0x7F) {
		YYCURSOR++;
	}
	info->chars = (size_t) (YYCURSOR - start);
	if (YYCURSOR == YYLIMIT) {
		return;
	}
	for (;;) {
		token = YYCURSOR;
	/*!re2c
		$ { return; }
		control {
			if (!info->has_control) {
				info->has_control = true;
				info->control_offset = (size_t) (token - start);
			}
			info->chars++;
			continue;
		}
		"\t" | [\x20-\x7E] | utf8_2 | utf8_3 | utf8_4 {
			info->chars++;
			continue;
		}
		* {
			info->valid = false;
			info->invalid_offset = (size_t) (token - start);
			return;
		}
	*/
	}
}

/* Length of the well-formed character at s, 0 when the bytes there are not one; *control tells a control character. */
static size_t shopsetup_utf8_next(const char *s, size_t len, bool *control)
{
	const unsigned char *start = (const unsigned char *) s;
	const unsigned char *YYCURSOR = start;
	const unsigned char *YYLIMIT = start + len;
	const unsigned char *YYMARKER = NULL;
	*control = false;
	/*!re2c
		$ { return 0; }
		control { *control = true; return (size_t) (YYCURSOR - start); }
		"\t" | [\x20-\x7E] | utf8_2 | utf8_3 | utf8_4 { return (size_t) (YYCURSOR - start); }
		* { return 0; }
	*/
}

size_t shopsetup_utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max) {
		return len;
	}
	size_t n = max;
	for (size_t back = 1; back <= 4 && back <= n; back++) {
		unsigned char c = (unsigned char) s[n - back];
		if ((c & 0xC0) != 0x80) {
			size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
			return need > back ? n - back : n;
		}
	}
	return n;
}

const char *shopsetup_utf8_printable(shopsetup_buf *out, shopsetup_slice text)
{
	return shopsetup_utf8_quote(out, text, SIZE_MAX / 8) && out->ptr != NULL ? out->ptr : "";
}

bool shopsetup_utf8_quote(shopsetup_buf *out, shopsetup_slice text, size_t max)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t limit = out->len + max;
	for (size_t i = 0; i < text.len;) {
		bool control;
		size_t n = shopsetup_utf8_next(text.ptr + i, text.len - i, &control);
		bool escape = n == 0 || control;
		n = n == 0 ? 1 : n;
		if (out->len + (escape ? 4 * n : n) > limit) {
			break;
		}
		for (size_t b = 0; b < n && escape; b++) {
			unsigned char c = (unsigned char) text.ptr[i + b];
			char escaped[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
			if (!shopsetup_buf_append(out, escaped, 4)) {
				return false;
			}
		}
		if (!escape && !shopsetup_buf_append(out, text.ptr + i, n)) {
			return false;
		}
		i += n;
	}
	return true;
}
