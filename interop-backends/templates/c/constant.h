{{ docs }}#define {{ name }} {{ value }}
