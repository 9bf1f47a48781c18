using System.Text.Json.Serialization;

namespace HousingCapacity.Api.Reporting;

public sealed class PersonCountJsonConverter : JsonConverter<PersonCount>
{
    public override PersonCount Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert,
        System.Text.Json.JsonSerializerOptions options) =>
        reader.TokenType == System.Text.Json.JsonTokenType.String ? new PersonCount(0, true) : PersonCount.Of(reader.GetInt32());

    public override void Write(System.Text.Json.Utf8JsonWriter writer, PersonCount value, System.Text.Json.JsonSerializerOptions options)
    {
        if (value.Suppressed) writer.WriteStringValue("<5");
        else writer.WriteNumberValue(value.Value);
    }
}
