# bash completion for xj and its programs.  The words come from the
# programs themselves (PROGRAM --completion-helper [VERB [SUB]]), out of the
# same verb tables and option tables they run by, so a new verb or option
# completes without a change here.

_xj_words() {
	"$@" 2>/dev/null
}

_xj() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local prog=${COMP_WORDS[0]##*/} verb="" sub="" i w list
	COMPREPLY=()
	case $prev in
	-d|--db|--key|-o|--output|--reject|--template|--file|--bag|--dup|--page|--prepare|--apply)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	-f|--format) COMPREPLY=($(compgen -W "csv tsv yaml json xlsx" -- "$cur")); return ;;
	--encoding) COMPREPLY=($(compgen -W "utf-8 gb18030 gb18030-2005 gb18030-2022 gbk" -- "$cur")); return ;;
	--lang) COMPREPLY=($(compgen -W "zh en" -- "$cur")); return ;;
	esac
	# xj NAME ...: the program xj-NAME completes what follows NAME
	if [ "$prog" = xj ] && [ "$COMP_CWORD" -ge 2 ]; then
		w=${COMP_WORDS[1]}
		if [[ $w != -* ]] && ! _xj_words xj --completion-helper | grep -qxF -- "$w"; then
			prog=xj-$w
			COMP_WORDS=("$prog" "${COMP_WORDS[@]:2}")
			COMP_CWORD=$((COMP_CWORD - 1))
		fi
	fi
	# the verb and sub-verb given so far: words the program names as such
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		[[ $w == -* ]] && continue
		if [ -z "$verb" ]; then
			_xj_words "$prog" --completion-helper | grep -qxF -- "$w" && verb=$w
		elif [ -z "$sub" ]; then
			_xj_words "$prog" --completion-helper "$verb" | grep -v '^-' |
				grep -qxF -- "$w" && sub=$w
		fi
	done
	if [ -z "$verb" ]; then
		list=$(_xj_words "$prog" --completion-helper)
		[ "$prog" = xj ] && list="$list import key verify change register diploma archive"
		if [[ $cur == -* ]]; then
			# a program without verbs (xj-import) lists its options
			COMPREPLY=($(compgen -W "--help --version $(printf '%s\n' "$list" |
				grep '^-')" -- "$cur"))
		elif printf '%s\n' "$list" | grep -q '^-'; then
			COMPREPLY=($(compgen -f -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$list" -- "$cur"))
		fi
		return
	fi
	list=$(_xj_words "$prog" --completion-helper "$verb" ${sub:+"$sub"})
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(printf '%s\n' "$list" | grep '^-')" -- "$cur"))
	elif [ -z "$sub" ] && printf '%s\n' "$list" | grep -q '^[^-]'; then
		COMPREPLY=($(compgen -W "$(printf '%s\n' "$list" | grep -v '^-')" -- "$cur"))
	else
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}
complete -F _xj xj xj-import xj-key xj-verify xj-change xj-register xj-diploma xj-archive
