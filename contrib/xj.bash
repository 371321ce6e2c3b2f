# bash completion for xj and its programs
_xj_files() { COMPREPLY+=($(compgen -f -- "$1")); }

_xj() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	COMPREPLY=()
	case $prev in
	-d|--db|--reject|--key|--key-file) _xj_files "$cur"; return ;;
	-f|--format) COMPREPLY=($(compgen -W "csv tsv yaml json" -- "$cur")); return ;;
	--encoding) COMPREPLY=($(compgen -W "utf-8 gb18030" -- "$cur")); return ;;
	--lang) COMPREPLY=($(compgen -W "zh en" -- "$cur")); return ;;
	--source) COMPREPLY=($(compgen -W "roster application admission onsite results" -- "$cur")); return ;;
	esac
	if [ "$COMP_CWORD" -eq 1 ] && [ "${COMP_WORDS[0]##*/}" = xj ]; then
		COMPREPLY=($(compgen -W "init config query log backup restore import key verify change register diploma archive --help --version" -- "$cur"))
		return
	fi
	case "${COMP_WORDS[0]##*/} ${COMP_WORDS[1]}" in
	"xj config") [ "$COMP_CWORD" -eq 2 ] && COMPREPLY=($(compgen -W "load show" -- "$cur")) || _xj_files "$cur" ;;
	"xj query") COMPREPLY=($(compgen -W "--db --format --cohort --dept --major --class --status --key --fields --reveal --lang --encoding --user" -- "$cur")) ;;
	"xj log") COMPREPLY=($(compgen -W "--db --format --student --user --program --since --until --verify --reveal --encoding" -- "$cur")) ;;
	"xj backup") [[ $cur == -* ]] && COMPREPLY=($(compgen -W "--db --keep --quiet" -- "$cur")) || _xj_files "$cur" ;;
	"xj restore") [[ $cur == -* ]] && COMPREPLY=($(compgen -W "--db --user --quiet" -- "$cur")) || _xj_files "$cur" ;;
	"xj init") COMPREPLY=($(compgen -W "--db --quiet" -- "$cur")) ;;
	*) if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--db --user --dry-run --quiet --source --cohort --update --strict --reject --encoding --sheet --help --version" -- "$cur"))
	   else _xj_files "$cur"; fi ;;
	esac
}
complete -F _xj xj xj-import xj-key xj-verify xj-change xj-register xj-diploma xj-archive
