/* Text rules of the pure C core: UTF-8 scanning, email validation and normalisation, usernames. */
#ifndef SHOPSETUP_TEXT_H
#define SHOPSETUP_TEXT_H

#include "shopsetup_core.h"

/* What one pass over a byte string learns about it as UTF-8 text. */
typedef struct {
	bool valid;              /* well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF) */
	size_t invalid_offset;   /* first byte of the first ill-formed sequence, when !valid */
	size_t chars;            /* code points counted (up to invalid_offset when !valid) */
	bool has_control;        /* C0 controls (but none of TAB), DEL, or C1 controls */
	size_t control_offset;   /* first such control, when has_control */
} shopsetup_utf8_info;

void shopsetup_utf8_scan(const char *s, size_t len, shopsetup_utf8_info *info);

/* The longest prefix of s of at most max bytes that does not end inside a character. */
size_t shopsetup_utf8_cut(const char *s, size_t len, size_t max);

/*
 * Appends text as valid, printable UTF-8 (ill-formed bytes and control characters as \xNN), at
 * most max bytes of it, ending on a character. False when out of memory.
 */
bool shopsetup_utf8_quote(shopsetup_buf *out, shopsetup_slice text, size_t max);
/* All of text quoted so into the empty buffer out, for a message; "" when out of memory. */
const char *shopsetup_utf8_printable(shopsetup_buf *out, shopsetup_slice text);

/* Exactly what Moodle 4.5's validate_email() accepts (PHP's FILTER_VALIDATE_EMAIL, no CR/LF/<>). */
bool shopsetup_email_is_valid(const char *s, size_t len);

/*
 * Trims surrounding white space and lower-cases ASCII letters into out (at least len bytes).
 * Returns the normalised length. Valid addresses are ASCII, so this is the whole normal form.
 */
size_t shopsetup_email_normalize(const char *s, size_t len, char *out);

/* Moodle's user.username column length. */
#define SHOPSETUP_USERNAME_MAX 100

/*
 * The username a new account would get before collisions: firstname.lastname, transliterated to
 * [a-z0-9_.@-]; the email's local part when nothing is left; "user" when that is empty too.
 */
shopsetup_status shopsetup_username_base(shopsetup_slice firstname, shopsetup_slice lastname,
	shopsetup_slice email, shopsetup_buf *out);

/* Gives each base the smallest free numeric suffix against taken names and the batch itself. */
typedef struct {
	shopsetup_hash taken;        /* names already used (borrowed keys and owned copies below) */
	shopsetup_hash next_suffix;  /* base -> next suffix worth trying */
	shopsetup_vec owned;         /* char * of names produced here */
} shopsetup_username_pool;

bool shopsetup_username_pool_init(shopsetup_username_pool *pool, size_t expected);
/* taken must outlive the pool. */
bool shopsetup_username_pool_take(shopsetup_username_pool *pool, shopsetup_slice taken);
/* Returns a NUL-terminated name owned by the pool, or NULL when out of memory. */
const char *shopsetup_username_pool_claim(shopsetup_username_pool *pool, shopsetup_slice base, size_t *len);
/* A person's username: the base of the names (scratch holds it), then the pool's next free name. */
const char *shopsetup_username_pool_claim_for(shopsetup_username_pool *pool, shopsetup_slice firstname, shopsetup_slice lastname,
	shopsetup_slice email, shopsetup_buf *scratch, size_t *len);
void shopsetup_username_pool_free(shopsetup_username_pool *pool);

#endif
