{{ doc }}        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        {{ signature }}
        {
{%- for s in setup %}
            {{ s }}
{%- endfor %}
{%- if cleanup.is_empty() %}
{%- if fixed.is_empty() %}
{%- for p in pinned %}
            {{ p }}
{%- endfor %}
            {% if let Some(r) = raw_return %}{{ r }} __ret = {% endif %}{{ call }};
{%- else %}
{%- if let Some(r) = raw_return %}
            {{ r }} __ret;
{%- endif %}
{%- for f in fixed %}
            fixed ({{ f }})
{%- endfor %}
            {
{%- for p in pinned %}
                {{ p }}
{%- endfor %}
                {% if raw_return.is_some() %}__ret = {% endif %}{{ call }};
            }
{%- endif %}
{%- for a in after %}
            {{ a }}
{%- endfor %}
            if (*{{ native }}.PanicPending != 0) {{ native }}.ThrowPendingPanic("{{ function }}");
{%- for c in checks %}
            {{ c }}
{%- endfor %}
{%- else %}
{%- if let Some(r) = raw_return %}
            {{ r }} __ret;
{%- endif %}
            try
            {
{%- for f in fixed %}
                fixed ({{ f }})
{%- endfor %}
                {
{%- for p in pinned %}
                    {{ p }}
{%- endfor %}
                    {% if raw_return.is_some() %}__ret = {% endif %}{{ call }};
                }
{%- for a in after %}
                {{ a }}
{%- endfor %}
                if (*{{ native }}.PanicPending != 0) {{ native }}.ThrowPendingPanic("{{ function }}");
{%- for c in checks %}
                {{ c }}
{%- endfor %}
            }
            finally
            {
{%- for c in cleanup %}
                {{ c }}
{%- endfor %}
            }
{%- endif %}
{%- if let Some(r) = result %}
            return {{ r }};
{%- endif %}
        }
