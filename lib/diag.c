/* diag.c: the programs' messages on stderr, and the check of stdout at exit. */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <termios.h>

#include "xj/diag.h"
#include "xj/i18n.h"
#include "xj/strbuf.h"

static const char *prog = "xj";

void xj_diag_init(const char *progname)
{
	const char *slash = strrchr(progname, '/');

	prog = slash ? slash + 1 : progname;
}

const char *xj_diag_prog(void)
{
	return prog;
}

/* Data can hold anything; a terminal must not be told to do anything. */
static void put_escaped(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f)
			fprintf(stderr, "\\x%02x", c);
		else
			fputc(c, stderr);
	}
}

static void say(const struct xj_error *e, const char *kind)
{
	struct xj_sb sb = XJ_SB_INIT;

	if (kind)
		xj_sb_addf(&sb, "%s: ", kind);
	if (e->file[0] && e->line)
		xj_sb_addf(&sb, "%s:%ld: ", e->file, e->line);
	else if (e->file[0])
		xj_sb_addf(&sb, "%s: ", e->file);
	if (e->field[0])
		xj_sb_addf(&sb, "%s: ", e->field);
	xj_sb_adds(&sb, e->msg);
	fprintf(stderr, "%s: ", prog);
	put_escaped(sb.buf);
	fputc('\n', stderr);
	xj_sb_release(&sb);
}

void xj_diag_error(const struct xj_error *e)
{
	say(e, NULL);
}

void xj_diag_warning(const struct xj_error *e)
{
	say(e, _("warning"));
}

static void vsay(const char *fmt, va_list ap)
{
	struct xj_sb sb = XJ_SB_INIT;
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n >= 0) {
		xj_sb_grow(&sb, (size_t)n);
		vsnprintf(sb.buf, (size_t)n + 1, fmt, ap);
		sb.len = (size_t)n;
		fprintf(stderr, "%s: ", prog);
		put_escaped(sb.buf);
		fputc('\n', stderr);
	}
	xj_sb_release(&sb);
}

void xj_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(gettext(fmt), ap);
	va_end(ap);
}

int xj_diag_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(gettext(fmt), ap);
	va_end(ap);
	fprintf(stderr, _("Try '%s --help' for more information.\n"), prog);
	return XJ_EXIT_USAGE;
}

int xj_diag_bad_option(int c, int opt, const char *word)
{
	/* getopt_long leaves a long option's value, not a letter, in optopt */
	if (!((opt >= 'a' && opt <= 'z') || (opt >= 'A' && opt <= 'Z')))
		opt = 0;
	if (c == ':' && opt)
		return xj_diag_usage("option '-%c' needs a value", opt);
	if (c == ':')
		return xj_diag_usage("option '%s' needs a value", word);
	if (opt)
		return xj_diag_usage("unknown option '-%c'", opt);
	return xj_diag_usage("unknown option '%s'", word);
}

int xj_diag_passphrase(const char *prompt, char *buf, size_t size)
{
	FILE *tty = fopen("/dev/tty", "r+");
	struct termios old, quiet;
	int ok;

	if (!tty)
		return -1;
	fprintf(tty, "%s", prompt);
	fflush(tty);
	ok = tcgetattr(fileno(tty), &old) == 0;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	if (ok)
		tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	ok = fgets(buf, (int)size, tty) != NULL;
	tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	if (!ok)
		return -1;
	buf[strcspn(buf, "\r\n")] = '\0';
	return 0;
}

int xj_diag_close_stdout(int rc)
{
	int failed = ferror(stdout);

	if (fclose(stdout) != 0 && errno != EPIPE)
		failed = 1;
	else if (failed && errno == EPIPE)
		failed = 0;
	if (failed) {
		xj_diag("write error on standard output: %s", strerror(errno));
		return XJ_EXIT_FAIL;
	}
	return rc;
}
