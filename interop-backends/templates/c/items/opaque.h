{{ docs }}typedef struct {{ name }} {{ name }};
