# bash completion for precis                              -*- shell-script -*-
# Installed as share/bash-completion/completions/precis.

_precis()
{
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion || return
    else
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD-1]}
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    fi

    local commands="summarize inspect quotes translate segment batch config plugins lua help"
    local common="-c --config --set --profile -f --format --input-format --lang --replace-invalid -q --quiet -v --verbose -h --help"
    local summary="-n --sentences --ratio --words -m --method -S --script --translate --from"
    local batch="-o --output --jsonl -j --jobs --resume --shard --collect --timeout --worker-memory --include --exclude"
    local methods="pacsum textrank lexrank luhn sumbasic lead"

    if [ "$cword" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$commands --version --help" -- "$cur"))
        return
    fi
    local cmd=${words[1]}

    case $prev in
        -f|--format)
            COMPREPLY=($(compgen -W "text json markdown html" -- "$cur")); return ;;
        --input-format)
            COMPREPLY=($(compgen -W "auto text markdown json html" -- "$cur")); return ;;
        -m|--method)
            COMPREPLY=($(compgen -W "$methods" -- "$cur")); return ;;
        -c|--config)
            COMPREPLY=($(compgen -f -X '!*.ini' -- "$cur") $(compgen -d -- "$cur")); return ;;
        -S|--script)
            COMPREPLY=($(compgen -f -X '!*.lua' -- "$cur") $(compgen -d -- "$cur")); return ;;
        -o|--output|--collect)
            COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --shard)
            COMPREPLY=($(compgen -W "auto" -- "$cur")); return ;;
        --set|--profile|--lang|--translate|--to|--from|-n|--sentences|--ratio|--words|-j|--jobs|--timeout|--worker-memory|--include|--exclude|--jsonl)
            return ;;
    esac

    case $cmd in
        help)
            COMPREPLY=($(compgen -W "$commands" -- "$cur")); return ;;
        config)
            if [ "$cword" -eq 2 ]; then
                COMPREPLY=($(compgen -W "check show" -- "$cur")); return
            fi ;;
        plugins)
            if [ "$cword" -eq 2 ]; then
                COMPREPLY=($(compgen -W "check" -- "$cur")); return
            fi ;;
        lua)
            if [ "$cword" -eq 2 ]; then
                COMPREPLY=($(compgen -W "check" -- "$cur")); return
            fi ;;
    esac

    if [[ $cur == -* ]]; then
        local opts=$common
        case $cmd in
            summarize|inspect|quotes|translate) opts="$opts $summary" ;;
            batch) opts="$opts $summary $batch" ;;
        esac
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _precis precis
