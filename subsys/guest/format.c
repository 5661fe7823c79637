/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * A small printf: %d %i %u %x %X %c %s %p %%, length modifiers l, ll, z,
 * a field width (digits or *), '0' and '-' flags. Enough for test output;
 * no precision, no floating point (guests build -mgeneral-regs-only).
 */
#include "format.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NUM_BUF 24   /* 2^64 in decimal is 20 digits, plus a sign */
#define DEC 10U
#define HEX 16U

struct out {
	guest_sink sink;
	void *ctx;
	int count;
};

struct spec {
	bool left;
	bool zero;
	unsigned int width;
	unsigned int longs;   /* 0: int, 1: long, 2: long long; z counts as long */
};

static void put(struct out *o, char c)
{
	o->sink(c, o->ctx);
	o->count++;
}

static void pad(struct out *o, char c, unsigned int n)
{
	while (n--)
		put(o, c);
}

/* Emit `body` (len chars) with an optional sign/prefix, padded to width. */
static void field(struct out *o, const struct spec *s, const char *prefix,
		  const char *body, unsigned int len)
{
	unsigned int plen = 0;

	while (prefix[plen])
		plen++;
	unsigned int fill = s->width > len + plen ? s->width - len - plen : 0;

	if (!s->left && !s->zero)
		pad(o, ' ', fill);
	for (unsigned int i = 0; i < plen; i++)
		put(o, prefix[i]);
	if (!s->left && s->zero)
		pad(o, '0', fill);
	for (unsigned int i = 0; i < len; i++)
		put(o, body[i]);
	if (s->left)
		pad(o, ' ', fill);
}

static void number(struct out *o, const struct spec *s, uint64_t v, unsigned int base,
		   bool upper, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[NUM_BUF];
	unsigned int n = sizeof(buf);

	do {
		buf[--n] = digits[v % base];
		v /= base;
	} while (v);
	field(o, s, prefix, buf + n, (unsigned int)sizeof(buf) - n);
}

static uint64_t arg_unsigned(const struct spec *s, va_list *ap)
{
	if (s->longs >= 2)
		return va_arg(*ap, unsigned long long);
	if (s->longs == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static int64_t arg_signed(const struct spec *s, va_list *ap)
{
	if (s->longs >= 2)
		return va_arg(*ap, long long);
	if (s->longs == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

/* Parse flags, width and length at *fmt; leaves *fmt at the conversion. */
static void parse_spec(const char **fmt, struct spec *s, va_list *ap)
{
	const char *f = *fmt;

	*s = (struct spec){ 0 };
	for (;; f++) {
		if (*f == '-')
			s->left = true;
		else if (*f == '0')
			s->zero = true;
		else
			break;
	}
	if (*f == '*') {
		int w = va_arg(*ap, int);

		s->left |= w < 0;
		s->width = (unsigned int)(w < 0 ? -w : w);
		f++;
	}
	while (*f >= '0' && *f <= '9')
		s->width = s->width * DEC + (unsigned int)(*f++ - '0');
	/* size_t is unsigned long on LP64, so 'z' counts as one 'l'. */
	while (*f == 'l' || *f == 'z') {
		s->longs++;
		f++;
	}
	*fmt = f;
}

static void conversion(struct out *o, char c, struct spec *s, va_list *ap)
{
	switch (c) {
	case 'd':
	case 'i': {
		int64_t v = arg_signed(s, ap);
		uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

		number(o, s, mag, DEC, false, v < 0 ? "-" : "");
		break;
	}
	case 'u':
		number(o, s, arg_unsigned(s, ap), DEC, false, "");
		break;
	case 'x':
	case 'X':
		number(o, s, arg_unsigned(s, ap), HEX, c == 'X', "");
		break;
	case 'p':
		number(o, s, (uint64_t)(uintptr_t)va_arg(*ap, void *), HEX, false, "0x");
		break;
	case 'c': {
		char ch = (char)va_arg(*ap, int);

		s->zero = false;
		field(o, s, "", &ch, 1);
		break;
	}
	case 's': {
		const char *str = va_arg(*ap, const char *);
		unsigned int len = 0;

		if (!str)
			str = "(null)";
		while (str[len])
			len++;
		s->zero = false;
		field(o, s, "", str, len);
		break;
	}
	case '%':
		put(o, '%');
		break;
	default:   /* unknown: show it rather than guess its argument */
		put(o, '%');
		put(o, c);
		break;
	}
}

int guest_format(guest_sink sink, void *ctx, const char *fmt, va_list ap)
{
	struct out o = { sink, ctx, 0 };
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt++;
		struct spec s;

		parse_spec(&fmt, &s, &args);
		if (!*fmt)
			break;
		conversion(&o, *fmt++, &s, &args);
	}
	va_end(args);
	return o.count;
}
