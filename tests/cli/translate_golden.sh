#!/usr/bin/env bash
# translate_golden.sh - `precis translate --to es` on the seed article,
# compared byte for byte with the output below (made with Apertium
# 3.8.3 and apertium-eng-spa 0.8.1; other versions translate otherwise,
# so the test skips there).  Paragraph boundaries come from precis's
# classifier and segmenter: when they change on purpose, look at the
# diff and paste the new output (PRECIS_TR_GOLDEN_PRINT=1 prints it).
. "$(dirname "$0")/lib.sh"
need_corpus
seed=$SEED
need_apertium eng-spa
if [[ ${PRECIS_TR_GOLDEN_PRINT:-0} == 1 ]]; then
    "$PRECIS" translate --to es "$seed"
    exit
fi
versions=$(dpkg-query -W -f='${Version} ' apertium apertium-eng-spa \
           2>/dev/null)
if [[ $versions != "3.8.3-"*" 0.8.1-"* ]]; then
    skip "the golden output was made with apertium 3.8.3 and" \
         "apertium-eng-spa 0.8.1; here: ${versions:-unknown}"
fi
tmp=$TMP
"$PRECIS" translate --to es "$seed" > "$tmp/got" 2> "$tmp/err" || {
    echo "FAIL: precis translate failed:"
    cat "$tmp/err"
    exit 1
}
cat > "$tmp/want" <<'GOLDEN'
[machine translation to es by apertium]

Visita del Presidente del Consejo de Seguridad ruso

Septiembre 11, 2024

Secretario de Consejo de Seguridad ruso Nikolai Patrushev cumplió con Presidente venezolano Nicolas Maduro en Caracas encima martes (28).

La visita es parte de una serie de visitas por oficiales rusos a países en el Sur Global. Último lunes (27.º), Patrushev visitó Argelia y es también planificado para visitar China e irán.

En Venezuela, la delegación rusa estuvo dada la bienvenida a por Maduro, quién caracterizó la reunión como “visita agradecida”. “Revisamos los varios niveles de cooperación que nuestros países mantienen en apoyo de desarrollo compartido,” el Presidente dijo.

Más temprano este martes, Patrushev cumplió con José Ornelas Ferreira, general de secretario del consejo de Seguridad de Venezuela, para hablar “los asuntos narraron a cooperación entre los ministerios de justicia, orden público y servicios secretos agencias.”

Según el radioemisor ruso RTTopics gusta “Cooperación entre países en el campo de seguridad digital” estuvo hablado.

“Hoy podemos ver que todos los países soberanos están viviendo en un momento de verdad, en qué tienen que hacer una decisión: para proteger la libertad para escoger su ruta de desarrollo, sus valores y su identidad, o para entregar a sus órdenes. -Llamó el Del oeste bajo la jefatura de los Estados Unidos,” según RT, el oficial ruso dijo.

Patrushev Dio las gracias a el “Bolivarian liderazgo para su público condemnation del Del oeste y las agresión y póliza destructivas de OTAN en contra Rusia.”

América, Sanciones y Óleo

Patrushev la visita a Caracas viene a la vez de incertidumbre en EE.UU.-relaciones de Venezuela. Los dos países, los cuales han experimentado momentos tensos en años recientes cuándo Donald Triunfo ocupó la Casa Blanca, ha asomado firma de rapprochement antiguamente año.

Presidente Joe Biden ha dos veces envió una delegación para negociar directamente con Maduro sobre la posibilidad de tratos en el sector de energía. La crisis en suministro de combustible y reclamar creado por la guerra entre Rusia y Ucrania ha acelerado la necesidad de buscar de Washington socios comerciales nuevos.

En noviembre, los EE.UU. también concedieron una licencia que deja Galón a resume operaciones en territorio venezolano. Aun así, después de los resultados de los EE.UU. y venezolanos midterm elecciones y el fin del “gobierno interino” de Vicepresidente anterior Juan Guaido, las relaciones entre Washington y Caracas aparecen para ser estancando una vez más.

La Casa Blanca ha todavía para reconocer Maduro tan presidente y está poniendo los resultados en la mesa para charlas entre el gobierno y la oposición como requisitos para suspender otras sanciones. Venezuela, por otro lado, dice está a punto a resume relaciones y resume negociaciones con el Del oeste, pero residuos para aceptar licencias que no deja pagos de dinero efectivo para su óleo y exportaciones gasistas.

Editando: Rodrigo Durão Coelho
GOLDEN
if ! diff -u "$tmp/want" "$tmp/got"; then
    echo "FAIL: the translation of the seed changed (see the diff)"
    exit 1
fi
echo "PASS"
