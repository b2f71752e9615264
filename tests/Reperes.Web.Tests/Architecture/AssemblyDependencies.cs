using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Reperes.Web.Tests.Architecture;

/// <summary>One type of a folder using a type (or a view file) of another folder.</summary>
/// <param name="TargetIsPageModel">The type used is a Razor page's model (or nested in one).</param>
public sealed record TypeUse(string From, string FromType, string To, string ToType, bool TargetIsPageModel);

/// <summary>
/// Reads what the types of an assembly use, from its metadata and IL: base types and interfaces, fields, properties,
/// method signatures and locals, attributes, every type, method and field an instruction names, and the view files
/// named by a string ("/Guide/Pages/_Hits.cshtml", how partial views are referenced). Each type belongs to the
/// top-level folder of its namespace (<c>Root.Folder.…</c>) or, for a compiled Razor view, of its file; nested and
/// compiler-generated types belong to the type they are declared in.
/// </summary>
public static class AssemblyDependencies
{
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    /// <param name="assemblyPath">The compiled assembly.</param>
    /// <param name="rootNamespace">The namespace whose next segment names the folder (e.g. Reperes.Web).</param>
    /// <param name="viewFiles">Compiled views: type full name → file path from the project's root ("/Guide/Pages/Index.cshtml").</param>
    public static IReadOnlyList<TypeUse> Read(string assemblyPath, string rootNamespace, IReadOnlyDictionary<string, string> viewFiles)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var scanner = new Scanner(reader, pe, rootNamespace, viewFiles);
        return scanner.Scan();
    }

    /// <summary>The compiled Razor views of an assembly loaded in this process, by type full name.</summary>
    public static IReadOnlyDictionary<string, string> ViewFiles(Assembly assembly) =>
        assembly.GetCustomAttributes<Microsoft.AspNetCore.Razor.Hosting.RazorCompiledItemAttribute>()
            .ToDictionary(a => a.Type.FullName!, a => a.Identifier, StringComparer.Ordinal);

    /// <summary>
    /// The types (outermost, by full name) whose code calls one of <paramref name="methods"/> (or a constructor, named
    /// ".ctor") of the type <paramref name="declaringType"/> of the same assembly; the type's own calls aside.
    /// </summary>
    public static IReadOnlyList<string> Callers(string assemblyPath, string declaringType, IReadOnlySet<string> methods)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        string FullName(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            return reader.GetString(type.Namespace) + "." + reader.GetString(type.Name);
        }

        var callers = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var typeHandle in reader.TypeDefinitions)
        {
            var outer = typeHandle;
            while (reader.GetTypeDefinition(outer).GetDeclaringType() is { IsNil: false } declaring)
            {
                outer = declaring;
            }

            foreach (var methodHandle in reader.GetTypeDefinition(typeHandle).GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                if (method.RelativeVirtualAddress == 0)
                {
                    continue;
                }

                Walk(pe.GetMethodBody(method.RelativeVirtualAddress), (operand, token) =>
                {
                    if (operand == OperandType.InlineMethod
                        && MetadataTokens.EntityHandle(token) is { Kind: HandleKind.MethodDefinition } called
                        && reader.GetMethodDefinition((MethodDefinitionHandle)called) is var target
                        && methods.Contains(reader.GetString(target.Name))
                        && FullName(target.GetDeclaringType()) == declaringType
                        && FullName(outer) != declaringType)
                    {
                        callers.Add(FullName(outer));
                    }
                });
            }
        }

        return callers.ToList();
    }

    /// <summary>Walks a method's instructions, giving each token operand (strings, types, methods, fields) with its kind.</summary>
    private static void Walk(MethodBodyBlock body, Action<OperandType, int> token)
    {
        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            var at = il.Offset;
            short code = il.ReadByte();
            if (code == 0xFE)
            {
                code = (short)(0xFE00 | il.ReadByte());
            }

            if (!Operands.TryGetValue(code, out var operand))
            {
                throw new KeyNotFoundException($"opcode {code:X} at IL offset {at}");
            }

            switch (operand)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.ShortInlineR or OperandType.InlineSig:
                    il.Offset += 4;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineSwitch:
                    var targetCount = il.ReadInt32();
                    il.Offset += 4 * targetCount;
                    break;
                case OperandType.InlineString or OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    token(operand, il.ReadInt32());
                    break;
                default:
                    throw new InvalidDataException($"Unknown operand of opcode {code:X}.");
            }
        }
    }

    private sealed class Scanner(MetadataReader reader, PEReader pe, string root, IReadOnlyDictionary<string, string> viewFiles)
    {
        private readonly Dictionary<TypeDefinitionHandle, string?> folders = [];
        private readonly Dictionary<TypeDefinitionHandle, bool> pageModels = [];
        private readonly HashSet<TypeUse> uses = [];
        private readonly TypeCollector collector = new();

        public IReadOnlyList<TypeUse> Scan()
        {
            foreach (var handle in reader.TypeDefinitions)
            {
                if (FolderOf(handle) is not { } folder)
                {
                    continue;
                }

                var name = NameOf(Outermost(handle));
                var targets = new HashSet<TypeDefinitionHandle>();
                var views = new HashSet<string>(StringComparer.Ordinal);
                Collect(handle, targets, views);
                foreach (var target in targets)
                {
                    if (FolderOf(target) is { } to && to != folder)
                    {
                        uses.Add(new TypeUse(folder, name, to, NameOf(Outermost(target)), IsPageModel(target)));
                    }
                }

                foreach (var view in views)
                {
                    if (ViewFolder(view) is { } to && to != folder)
                    {
                        uses.Add(new TypeUse(folder, name, to, view, false));
                    }
                }
            }

            return uses.OrderBy(u => u.From, StringComparer.Ordinal).ThenBy(u => u.To, StringComparer.Ordinal)
                .ThenBy(u => u.FromType, StringComparer.Ordinal).ThenBy(u => u.ToType, StringComparer.Ordinal).ToList();
        }

        private void Collect(TypeDefinitionHandle handle, HashSet<TypeDefinitionHandle> targets, HashSet<string> views)
        {
            var type = reader.GetTypeDefinition(handle);
            Add(type.BaseType, targets);
            foreach (var implementation in type.GetInterfaceImplementations())
            {
                Add(reader.GetInterfaceImplementation(implementation).Interface, targets);
            }

            Attributes(type.GetCustomAttributes(), targets);
            Constraints(type.GetGenericParameters(), targets);
            foreach (var fieldHandle in type.GetFields())
            {
                var field = reader.GetFieldDefinition(fieldHandle);
                targets.UnionWith(field.DecodeSignature(collector, null));
                Attributes(field.GetCustomAttributes(), targets);
            }

            foreach (var propertyHandle in type.GetProperties())
            {
                var property = reader.GetPropertyDefinition(propertyHandle);
                Signature(property.DecodeSignature(collector, null), targets);
                Attributes(property.GetCustomAttributes(), targets);
            }

            foreach (var eventHandle in type.GetEvents())
            {
                var definition = reader.GetEventDefinition(eventHandle);
                Add(definition.Type, targets);
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                Signature(method.DecodeSignature(collector, null), targets);
                Attributes(method.GetCustomAttributes(), targets);
                Constraints(method.GetGenericParameters(), targets);
                foreach (var parameter in method.GetParameters())
                {
                    Attributes(reader.GetParameter(parameter).GetCustomAttributes(), targets);
                }

                if (method.RelativeVirtualAddress != 0)
                {
                    try
                    {
                        Body(pe.GetMethodBody(method.RelativeVirtualAddress), targets, views);
                    }
                    catch (KeyNotFoundException e)
                    {
                        throw new InvalidDataException($"{NameOf(handle)}.{reader.GetString(method.Name)}: {e.Message}", e);
                    }
                }
            }
        }

        private void Body(MethodBodyBlock body, HashSet<TypeDefinitionHandle> targets, HashSet<string> views)
        {
            if (!body.LocalSignature.IsNil)
            {
                foreach (var local in reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(collector, null))
                {
                    targets.UnionWith(local);
                }
            }

            foreach (var region in body.ExceptionRegions)
            {
                if (!region.CatchType.IsNil)
                {
                    Add(region.CatchType, targets);
                }
            }

            Walk(body, (operand, token) =>
            {
                if (operand == OperandType.InlineString)
                {
                    var text = reader.GetUserString(MetadataTokens.UserStringHandle(token & 0xFFFFFF));
                    if (text.StartsWith('/') && text.EndsWith(".cshtml", StringComparison.Ordinal))
                    {
                        views.Add(text);
                    }
                }
                else
                {
                    Add(MetadataTokens.EntityHandle(token), targets);
                }
            });
        }

        private void Add(EntityHandle handle, HashSet<TypeDefinitionHandle> targets)
        {
            if (handle.IsNil)
            {
                return;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    targets.Add((TypeDefinitionHandle)handle);
                    break;
                case HandleKind.TypeSpecification:
                    targets.UnionWith(reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(collector, null));
                    break;
                case HandleKind.MethodDefinition:
                    targets.Add(reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                    break;
                case HandleKind.FieldDefinition:
                    targets.Add(reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                    break;
                case HandleKind.MemberReference:
                    var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                    Add(member.Parent, targets);
                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        Signature(member.DecodeMethodSignature(collector, null), targets);
                    }
                    else
                    {
                        targets.UnionWith(member.DecodeFieldSignature(collector, null));
                    }

                    break;
                case HandleKind.MethodSpecification:
                    var specification = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                    Add(specification.Method, targets);
                    foreach (var argument in specification.DecodeSignature(collector, null))
                    {
                        targets.UnionWith(argument);
                    }

                    break;
                default:
                    // Type references (other assemblies), module references, signatures: nothing of this assembly.
                    break;
            }
        }

        private static void Signature(MethodSignature<ImmutableHashSet<TypeDefinitionHandle>> signature, HashSet<TypeDefinitionHandle> targets)
        {
            targets.UnionWith(signature.ReturnType);
            foreach (var parameter in signature.ParameterTypes)
            {
                targets.UnionWith(parameter);
            }
        }

        private void Attributes(CustomAttributeHandleCollection attributes, HashSet<TypeDefinitionHandle> targets)
        {
            foreach (var attribute in attributes)
            {
                Add(reader.GetCustomAttribute(attribute).Constructor, targets);
            }
        }

        private void Constraints(GenericParameterHandleCollection parameters, HashSet<TypeDefinitionHandle> targets)
        {
            foreach (var parameter in parameters)
            {
                foreach (var constraint in reader.GetGenericParameter(parameter).GetConstraints())
                {
                    Add(reader.GetGenericParameterConstraint(constraint).Type, targets);
                }
            }
        }

        private TypeDefinitionHandle Outermost(TypeDefinitionHandle handle)
        {
            while (reader.GetTypeDefinition(handle).GetDeclaringType() is { IsNil: false } declaring)
            {
                handle = declaring;
            }

            return handle;
        }

        private string NameOf(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            var ns = reader.GetString(type.Namespace);
            var name = reader.GetString(type.Name);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        private string? FolderOf(TypeDefinitionHandle handle)
        {
            if (folders.TryGetValue(handle, out var known))
            {
                return known;
            }

            var outer = Outermost(handle);
            var name = NameOf(outer);
            string? folder;
            if (viewFiles.TryGetValue(name, out var file))
            {
                folder = ViewFolder(file);
            }
            else
            {
                var ns = reader.GetString(reader.GetTypeDefinition(outer).Namespace);
                folder = ns.StartsWith(root + ".", StringComparison.Ordinal) ? ns[(root.Length + 1)..].Split('.')[0] : null;
            }

            folders[handle] = folder;
            return folder;
        }

        /// <summary>The folder of a view file; null for the project's root (_ViewImports, _ViewStart).</summary>
        private static string? ViewFolder(string file)
        {
            var parts = file.TrimStart('/').Split('/');
            return parts.Length > 1 ? parts[0] : null;
        }

        private bool IsPageModel(TypeDefinitionHandle handle)
        {
            handle = Outermost(handle);
            if (pageModels.TryGetValue(handle, out var known))
            {
                return known;
            }

            var result = false;
            var baseType = reader.GetTypeDefinition(handle).BaseType;
            while (!baseType.IsNil)
            {
                if (baseType.Kind == HandleKind.TypeReference)
                {
                    var reference = reader.GetTypeReference((TypeReferenceHandle)baseType);
                    result = reader.GetString(reference.Namespace) == "Microsoft.AspNetCore.Mvc.RazorPages" && reader.GetString(reference.Name) == "PageModel";
                    break;
                }

                if (baseType.Kind != HandleKind.TypeDefinition)
                {
                    break;
                }

                baseType = reader.GetTypeDefinition((TypeDefinitionHandle)baseType).BaseType;
            }

            pageModels[handle] = result;
            return result;
        }
    }

    /// <summary>The types of this assembly a signature names, anywhere in it (generic arguments included).</summary>
    private sealed class TypeCollector : ISignatureTypeProvider<ImmutableHashSet<TypeDefinitionHandle>, object?>
    {
        private static readonly ImmutableHashSet<TypeDefinitionHandle> None = [];

        public ImmutableHashSet<TypeDefinitionHandle> GetArrayType(ImmutableHashSet<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;

        public ImmutableHashSet<TypeDefinitionHandle> GetByReferenceType(ImmutableHashSet<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableHashSet<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<ImmutableHashSet<TypeDefinitionHandle>> signature) =>
            signature.ParameterTypes.Aggregate(signature.ReturnType, (all, p) => all.Union(p));

        public ImmutableHashSet<TypeDefinitionHandle> GetGenericInstantiation(ImmutableHashSet<TypeDefinitionHandle> genericType, ImmutableArray<ImmutableHashSet<TypeDefinitionHandle>> typeArguments) =>
            typeArguments.Aggregate(genericType, (all, a) => all.Union(a));

        public ImmutableHashSet<TypeDefinitionHandle> GetGenericMethodParameter(object? genericContext, int index) => None;

        public ImmutableHashSet<TypeDefinitionHandle> GetGenericTypeParameter(object? genericContext, int index) => None;

        public ImmutableHashSet<TypeDefinitionHandle> GetModifiedType(ImmutableHashSet<TypeDefinitionHandle> modifier, ImmutableHashSet<TypeDefinitionHandle> unmodifiedType, bool isRequired) => unmodifiedType;

        public ImmutableHashSet<TypeDefinitionHandle> GetPinnedType(ImmutableHashSet<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableHashSet<TypeDefinitionHandle> GetPointerType(ImmutableHashSet<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableHashSet<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => None;

        public ImmutableHashSet<TypeDefinitionHandle> GetSZArrayType(ImmutableHashSet<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableHashSet<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];

        public ImmutableHashSet<TypeDefinitionHandle> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => None;

        public ImmutableHashSet<TypeDefinitionHandle> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}
