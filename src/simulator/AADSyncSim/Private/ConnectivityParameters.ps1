# A connector's ConnectivityParameters as the ADSync module gives them: a keyed collection of parameters by name
# (KeyedCollection<string, ConfigParameter>). Indexing a name the connector lacks throws KeyNotFoundException under
# StrictMode, as the session runs (the Azure AD connector has no forest-name): a read must ask Contains first.
class SimConnectivityParameters : System.Collections.ObjectModel.KeyedCollection[string, object] {
    SimConnectivityParameters() : base([System.StringComparer]::OrdinalIgnoreCase) {}
    [string] GetKeyForItem([object] $item) { return [string]$item.Name }
}
