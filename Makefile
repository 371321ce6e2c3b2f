# xj: student-status and academic-credential records.
# make            build the programs
# make demo       build, then the year's main steps on examples/, each program at work
# make check      unit tests of libxj and bats tests of every program
# make check-asan the same under AddressSanitizer and UndefinedBehaviorSanitizer
# make check-stress  kill the writing programs at random moments (long)
# make check-privacy the suite's stderr searched for unmasked personal data
# make check-package  the Debian package: built from the tree, lintian, run unpacked
# make fuzz FUZZ_SECONDS=N  libFuzzer on the readers and parsers (clang)
# make bench      time xj-import against sqlite3's own CSV import
# make schema-ref lib/schema_ref.h made again after a change of the schema
# make install    PREFIX=/usr/local DESTDIR=
# make DEVELOPER=1  warnings are errors (make check and CI build so)

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
COMPDIR ?= $(PREFIX)/share/bash-completion/completions
LOCALEDIR ?= $(PREFIX)/share/locale
DATADIR ?= $(PREFIX)/share/xj
DOCDIR ?= $(PREFIX)/share/doc/xj
VERSION = 0.1.0

CC ?= cc
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config
PKGS = sqlite3 yaml-0.1 libcrypto libzip expat xlsxwriter libsodium stb
# Warnings fail the build only for those who work on xj (make DEVELOPER=1,
# as make check and CI build): a newer compiler's new warning must not
# stop someone who only builds it.
XJ_WERROR = $(if $(DEVELOPER),-Werror)
XJ_CFLAGS = -std=c11 -pthread -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Wall -Wextra $(XJ_WERROR) -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Iinclude -DXJ_VERSION='"$(VERSION)"' -DXJ_LOCALEDIR='"$(LOCALEDIR)"' \
	-DXJ_DATADIR='"$(DATADIR)"' \
	$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null) $(CPPFLAGS)
XJ_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lcsv -lm -pthread

# A library missing is said before anything is compiled, with the Debian
# package that has it, rather than as a header not found halfway through.
# Not for the goals that install the packages first (make deps, make check,
# make demo ...: PKGS are read only when the build starts), nor for those
# that build nothing.
DEB_sqlite3 = libsqlite3-dev
DEB_yaml-0.1 = libyaml-dev
DEB_libcrypto = libssl-dev
DEB_libzip = libzip-dev
DEB_expat = libexpat1-dev
DEB_xlsxwriter = libxlsxwriter-dev
DEB_libsodium = libsodium-dev
DEB_stb = libstb-dev
DEPS_FIRST = deps check check-asan check-privacy check-package check-stress check-hostile \
	fuzz demo bench
NO_BUILD = clean pot uninstall
GOALS = $(or $(MAKECMDGOALS),all)
ifeq ($(filter $(DEPS_FIRST),$(GOALS)),)
ifneq ($(filter-out $(NO_BUILD),$(GOALS)),)
ifeq ($(shell command -v $(PKG_CONFIG)),)
$(error $(PKG_CONFIG) not found: install pkg-config (Debian: pkg-config), or run 'make deps')
endif
MISSING_PKGS := $(strip $(foreach p,$(PKGS),$(if $(shell $(PKG_CONFIG) --exists $(p) && echo y),,$(p))))
ifneq ($(MISSING_PKGS),)
$(error $(PKG_CONFIG) finds no $(foreach p,$(MISSING_PKGS),$(p) (Debian: $(DEB_$(p)))): install them, or run 'make deps')
endif
endif
endif

BUILD ?= build
LIB_SRC = $(sort $(wildcard lib/*.c))
LIB_OBJ = $(LIB_SRC:lib/%.c=$(BUILD)/lib/%.o)
PROGS = $(patsubst cmd/%.c,%,$(sort $(wildcard cmd/*.c)))
MANPAGES = $(wildcard man/man*/*.* man/*/man*/*.*)
BINS = $(PROGS:%=$(BUILD)/bin/%)
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
UNITS = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/unit/%)
TOOLS = $(BUILD)/tools/xj-genroster $(BUILD)/tools/xj-genphoto $(BUILD)/tools/xj-schemaref

# Messages in the user's language: po/LANG.po compiled to
# $(BUILD)/share/locale, beside bin/, where the programs look first.
LINGUAS = $(patsubst po/%.po,%,$(wildcard po/*.po))
MOS = $(LINGUAS:%=$(BUILD)/share/locale/%/LC_MESSAGES/xj.mo)
XGETTEXT_FLAGS = --language=C --from-code=UTF-8 --add-comments=TRANSLATORS \
	--package-name=xj --package-version=$(VERSION) --msgid-bugs-address=xj \
	--keyword=_ --keyword=N_ --keyword=ngettext:1,2 \
	$(foreach k,xj_error_set:3 xj_diag:1 xj_diag_usage:1 xj_store_fail:3 \
		xj_store_each:5,\
		--keyword=$(k) --flag=$(k):c-format)

# The GB/T 2260 address codes (contrib/gb2260/generate.sh made the table):
# copied to $(BUILD)/share/xj beside bin/, where the programs look first,
# and its SHA-256 built into them, so that no other table is read.
GB2260 = share/xj/gb2260.tsv
GB2260_SHA256 := $(shell sha256sum $(GB2260) | cut -c1-64)

all: $(BINS) $(MOS) $(BUILD)/$(GB2260)

$(BUILD)/$(GB2260): $(GB2260)
	@mkdir -p $(@D)
	cp $< $@

$(BUILD)/lib/gb2260.o: XJ_CFLAGS += -DXJ_GB2260_SHA256='"$(GB2260_SHA256)"'
$(BUILD)/lib/gb2260.o: $(GB2260)

$(BUILD)/share/locale/%/LC_MESSAGES/xj.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# po/xj.pot from the sources; po/LANG.po brought up to date with it
pot:
	xgettext $(XGETTEXT_FLAGS) -o po/xj.pot $(sort $(wildcard cmd/*.c lib/*.c))
	for l in $(LINGUAS); do msgmerge -q --update --backup=off --no-fuzzy-matching po/$$l.po po/xj.pot; done

tools: $(TOOLS)

# lib/schema_ref.h anew, after a change of the schema (store_schema.c)
schema-ref: $(BUILD)/tools/xj-schemaref
	$(BUILD)/tools/xj-schemaref > lib/schema_ref.h.new
	mv lib/schema_ref.h.new lib/schema_ref.h

$(BUILD)/lib/%.o: lib/%.c $(wildcard include/xj/*.h lib/*.h)
	@mkdir -p $(@D)
	$(CC) $(XJ_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/libxj.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(BUILD)/bin/%: cmd/%.c $(BUILD)/libxj.a
	@mkdir -p $(@D)
	$(CC) $(XJ_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libxj.a $(XJ_LIBS)

# Each unit program links the fixture (tests/unit/fixture.c), whether it
# reads a store the programs made or not: it holds unit.h's counts.
$(BUILD)/unit/fixture.o: tests/unit/fixture.c tests/unit/fixture.h tests/unit/unit.h \
		$(wildcard include/xj/*.h)
	@mkdir -p $(@D)
	$(CC) $(XJ_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/unit/%: tests/unit/%.c tests/unit/unit.h tests/unit/fixture.h $(BUILD)/unit/fixture.o \
		$(BUILD)/libxj.a
	@mkdir -p $(@D)
	$(CC) $(XJ_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/unit/fixture.o $(BUILD)/libxj.a \
		$(XJ_LIBS)

$(BUILD)/tools/%: tests/tools/%.c $(BUILD)/libxj.a
	@mkdir -p $(@D)
	$(CC) $(XJ_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libxj.a $(XJ_LIBS)

# Install the Debian packages the build and the tests need, when missing.
DEPS_PKGS = build-essential pkg-config libsqlite3-dev libyaml-dev libcsv-dev \
	libssl-dev libsodium-dev libzip-dev libexpat1-dev libxlsxwriter-dev libstb-dev gettext locales bats bats-assert bats-support mandoc \
	sqlite3 python3-openpyxl
deps:
	@sh tests/deps.sh $(DEPS_PKGS)
	@sh tests/deps-locale.sh zh_CN.UTF-8

# each unit test prints "NAME: N passed, M failed"; the total comes last
unit: $(UNITS) $(BUILD)/$(GB2260)
	@rc=0; for t in $(UNITS); do $$t || rc=1; done > $(BUILD)/unit.out; \
	cat $(BUILD)/unit.out; \
	awk '{ p += $$2; f += $$4; n++ } END { printf "unit tests: %d programs, %d checks passed, %d failed\n", n, p, f }' \
		$(BUILD)/unit.out; exit $$rc

# warnings are errors here, as in CI
check check-asan: DEVELOPER = 1
check: deps all tools unit
	@sh tests/lint-tests.sh
	@sh tests/lint-code.sh
	@sh tests/lint-layers.sh $(BUILD)
	XJ_BIN=$(CURDIR)/$(BUILD)/bin XJ_TOOLS=$(CURDIR)/$(BUILD)/tools \
		bats --print-output-on-failure tests/
	@sh tests/lint-man.sh
	@sh tests/po-check.sh $(XGETTEXT_FLAGS)

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
check-asan: deps
	$(MAKE) BUILD=build-asan DEVELOPER=1 CFLAGS="$(ASAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
		ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 check

# Personal data: the whole suite's standard error searched for an ID or
# phone number shown whole (long).
check-privacy: deps all tools
	@sh tests/privacy.sh $(BUILD)/bin $(BUILD)/tools

# The Debian package (debian/) built from a copy of the working tree,
# checked by lintian, and the demo run from it unpacked.
check-package: deps
	@sh tests/package.sh

# Crash safety: SIGKILL at random moments, then the store checked (long).
check-stress: deps all tools
	@sh tests/stress.sh $(BUILD)/bin $(BUILD)/tools

# Hostile input at full size, each case within its bound of time and
# memory, the figures printed.
check-hostile: deps all tools
	@python3 tests/hostile.py $(BUILD)/bin

# Fuzzing (clang's libFuzzer with ASan and UBSan): each harness in fuzz/
# runs FUZZ_SECONDS from its seed corpus; new inputs stay in build-fuzz/,
# a crash leaves its input there as build-fuzz/crash-NAME-*.
FUZZ_SECONDS ?= 60
FUZZERS = $(patsubst fuzz/fuzz_%.c,%,$(sort $(wildcard fuzz/fuzz_*.c)))
FUZZ_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
fuzz: deps
	$(MAKE) BUILD=build-fuzz CC=clang CFLAGS="$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" \
		build-fuzz/libxj.a
	@set -e; for f in $(FUZZERS); do \
		clang $(XJ_CFLAGS) -D_GNU_SOURCE $(FUZZ_FLAGS) -fsanitize=fuzzer -Ifuzz -o build-fuzz/fuzz_$$f \
			fuzz/fuzz_$$f.c build-fuzz/libxj.a $(XJ_LIBS); \
		mkdir -p build-fuzz/corpus-$$f; \
		echo "fuzz: $$f for $(FUZZ_SECONDS) s"; \
		build-fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=1024 \
			-artifact_prefix=build-fuzz/crash-$$f- -print_final_stats=1 \
			build-fuzz/corpus-$$f fuzz/corpus/$$f 2>&1 | \
			grep -E '^(stat::number_of_executed_units|==.*ERROR|SUMMARY|Done)' || true; \
		ls build-fuzz/crash-$$f-* >/dev/null 2>&1 && { echo "fuzz: $$f crashed"; exit 1; } || true; \
	done

demo: deps all
	@sh examples/demo.sh $(BUILD)/bin

bench: deps all tools
	@sh tests/bench.sh $(BUILD)/bin $(BUILD)/tools

# The examples, whole (demo.sh runs them in place), and the completion for
# each program: bash-completion loads a command's completion by the
# command's name, so every xj-* program finds contrib/xj.bash through a
# link named for it.
EXAMPLES = $(sort $(shell find examples -type f))
install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(COMPDIR)
	for p in $(PROGS); do install -m 755 $(BUILD)/bin/$$p $(DESTDIR)$(BINDIR)/$$p; done
	# man/manN/ and the translations in man/LL/manN/, each to the same place
	# under MANDIR.
	for f in $(MANPAGES); do d=$(DESTDIR)$(MANDIR)/$${f#man/}; \
		mkdir -p $${d%/*}; install -m 644 $$f $$d; done
	install -m 644 contrib/xj.bash $(DESTDIR)$(COMPDIR)/xj
	for p in $(filter-out xj,$(PROGS)); do ln -sf xj $(DESTDIR)$(COMPDIR)/$$p; done
	for f in $(EXAMPLES); do d=$(DESTDIR)$(DOCDIR)/$$f; \
		mkdir -p $${d%/*}; install -m 644 $$f $$d; done
	mkdir -p $(DESTDIR)$(DATADIR)
	install -m 644 $(GB2260) $(DESTDIR)$(DATADIR)/gb2260.tsv
	for l in $(LINGUAS); do \
		mkdir -p $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
		install -m 644 $(BUILD)/share/locale/$$l/LC_MESSAGES/xj.mo \
			$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/xj.mo; done

uninstall:
	for p in $(PROGS); do rm -f $(DESTDIR)$(BINDIR)/$$p; done
	for f in $(MANPAGES); do rm -f $(DESTDIR)$(MANDIR)/$${f#man/}; done
	rm -f $(DESTDIR)$(COMPDIR)/xj
	for p in $(filter-out xj,$(PROGS)); do rm -f $(DESTDIR)$(COMPDIR)/$$p; done
	for f in $(EXAMPLES); do rm -f $(DESTDIR)$(DOCDIR)/$$f; done
	# xj's own directory of docs, left empty
	[ ! -d $(DESTDIR)$(DOCDIR) ] || find $(DESTDIR)$(DOCDIR) -depth -type d -empty -delete
	rm -f $(DESTDIR)$(DATADIR)/gb2260.tsv
	for l in $(LINGUAS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/xj.mo; done

clean:
	rm -rf build build-asan build-fuzz

.PHONY: check-hostile pot all tools schema-ref deps unit check check-asan check-stress check-privacy check-package fuzz demo bench install uninstall clean
